package io.periodclose.web;

import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten operators launch the same close at the same instant against the real server, whose jobs run on their own
 * threads as in serve: exactly one launch is accepted, the nine others are refused with a problem detail, and
 * PostgreSQL holds one job execution and one close run.
 */
@ExtendWith(TestDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.close-chunk-size=20",
        "period-close.out=target/test-out-parallel", "period-close.grid-size=2",
        "period-close.users-file=src/test/resources/users.yml", "period-close.async-jobs=true"})
class ParallelLaunchTest {

    private static final int LAUNCHES = 10;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void books() {
        // one distributor without sales: a close with nothing to render ends in a second or two
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "RUB");
    }

    @Test
    void tenSimultaneousLaunchesOfOneCloseGiveOneAcceptedAndNineRefused() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:ops-password-1".getBytes(StandardCharsets.UTF_8));
        HttpRequest launch = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/executions"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"close\",\"period\":\"2025-Q1\",\"asOf\":\"2025-04-05\"}"))
                .build();
        CountDownLatch ready = new CountDownLatch(LAUNCHES);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(LAUNCHES);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < LAUNCHES; i++) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return client.send(launch, HttpResponse.BodyHandlers.ofString());
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get());
            }
            assertThat(responses).extracting(HttpResponse::statusCode).as(responses.stream()
                            .map(r -> r.statusCode() + " " + r.body()).toList().toString())
                    .containsOnly(202, 409).filteredOn(code -> code == 202).hasSize(1);
            for (HttpResponse<String> refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                // refused because the one accepted close runs, or, on a fast machine, has already closed the quarter
                // (or is completing it at that moment)
                assertThat(refused.body()).containsPattern("already running|already closed|has already completed");
            }
        } finally {
            threads.shutdownNow();
            awaitNoRunningExecution();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class)).isEqualTo("COMPLETED");
    }

    private void awaitNoRunningExecution() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && jdbc.queryForObject("SELECT count(*) FROM batch_job_execution"
                + " WHERE status IN ('STARTING', 'STARTED', 'STOPPING')", Integer.class) > 0) {
            Thread.sleep(100);
        }
    }
}
