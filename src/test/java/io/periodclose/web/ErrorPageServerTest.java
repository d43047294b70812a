package io.periodclose.web;

import io.periodclose.support.SignedInHttp;
import io.periodclose.support.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error page a real servlet container forwards to (a page the role may not open, a page that does not exist)
 * is in the language of the request like every other page, and names no Spring default ("Whitelabel").
 */
@ExtendWith(TestDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.out=target/test-out",
        "period-close.users-file=src/test/resources/users.yml"})
class ErrorPageServerTest {

    @LocalServerPort
    int port;

    HttpClient http;

    @BeforeEach
    void signInAsFinance() throws Exception {
        http = SignedInHttp.as(port, "fin", "fin-password-1");
    }

    @Test
    void aPageTheRoleMayNotOpenIs403InTheRequestsLanguage() throws Exception {
        HttpResponse<String> russian = http.send(get("/launch", "ru-RU,ru;q=0.9"), HttpResponse.BodyHandlers.ofString());
        assertThat(russian.statusCode()).isEqualTo(403);
        assertThat(russian.body()).contains("Ошибка 403").contains("С вашей ролью эту страницу открыть нельзя.")
                .contains("На главную страницу").doesNotContain("Whitelabel").doesNotContain("Forbidden");

        HttpResponse<String> english = http.send(get("/launch", "en-GB,en;q=0.9"), HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(403);
        assertThat(english.body()).contains("Error 403").contains("You may not open this page with your role.")
                .doesNotContain("Whitelabel");
    }

    @Test
    void aPageThatDoesNotExistIs404InTheRequestsLanguage() throws Exception {
        HttpResponse<String> russian = http.send(get("/no-such-page", "ru"), HttpResponse.BodyHandlers.ofString());
        assertThat(russian.statusCode()).isEqualTo(404);
        assertThat(russian.body()).contains("Ошибка 404").contains("Такой страницы нет.").doesNotContain("Whitelabel");

        HttpResponse<String> english = http.send(get("/no-such-page", "en"), HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("Error 404").contains("There is no such page.");
    }

    private HttpRequest get(String path, String languages) {
        return HttpRequest.newBuilder(uri(path)).header("Accept-Language", languages).header("Accept", "text/html")
                .GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
