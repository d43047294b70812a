package io.periodclose.web;

import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.SignedInHttp;
import io.periodclose.support.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages that list distributors and statements, in a real servlet container (whose response encodes every link
 * the pages build), with distributors and statement rows left by an earlier release under codes that are not safe.
 */
@ExtendWith(TestDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.close-chunk-size=20",
        "period-close.out=target/test-out", "period-close.grid-size=2",
        "period-close.users-file=src/test/resources/users.yml"})
class UnsafeLegacyCodesServerTest {

    static final String[] CODES = {"D000002", "../2025-Q4/D000002", "../../../x", "../../../../../x", "/tmp/x", "..", "-x", " D1",
            "a%2F..%2F..", "=HYPERLINK(\"http://x\")"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void distributorsAndStatementsAnswer200AndLinkOnlyWhatCanBeServed() throws Exception {
        Books.wipe(jdbc);
        Fixtures books = new Fixtures(jdbc);
        for (String code : CODES) {
            books.distributor(code, "GOLD", "RUB");
            jdbc.update("""
                    INSERT INTO statement (period, distributor_code, version, file, sha256, closing_balance, currency,
                                           job_execution_id) VALUES ('2025-Q4', ?, 0, ?, repeat('0', 64), 0, 'RUB', 1)""",
                    code, code + ".pdf");
        }
        HttpClient http = SignedInHttp.as(port, "fin", "fin-password-1");

        for (String page : new String[]{"/distributors", "/statements/2025-Q4", "/statements",
                "/distributors?code=" + URLEncoder.encode("../../../../../x", StandardCharsets.UTF_8),
                "/distributors/D000002"}) {
            HttpResponse<String> response = http.send(get(page), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
        }
        String statements = http.send(get("/statements/2025-Q4"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(statements).contains("href=\"/statements/2025-Q4/files/D000002.pdf\"")
                .contains("../../../../../x.pdf (not served: an unsafe name written by an earlier release)")
                .doesNotContain("files/..");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
