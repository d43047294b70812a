package io.periodclose.period;

import io.periodclose.RefusedException;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code close} commands for one quarter at the same instant, as two operators' terminals would run them: jobs
 * run in the launching thread, as on the command line. One closes the quarter, the other is refused (exit 3), and
 * PostgreSQL holds one job execution.
 */
@DatabaseTest
class ParallelCloseTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @Test
    void twoClosesAtOnceRunOnceAndRefuseTheOther() throws Exception {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "RUB");
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<JobExecution>> closesAtOnce = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                closesAtOnce.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
                }));
            }
            ready.await();
            go.countDown();
            List<JobExecution> ran = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<JobExecution> close : closesAtOnce) {
                try {
                    ran.add(close.get());
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertThat(ran).extracting(JobExecution::getStatus).containsExactly(BatchStatus.COMPLETED);
            assertThat(refused).singleElement().isInstanceOf(RefusedException.class)
                    .extracting(Throwable::getMessage).asString().containsPattern("already running|already closed");
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run", Integer.class)).isEqualTo(1);
    }
}
