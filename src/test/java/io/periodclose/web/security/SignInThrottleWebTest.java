package io.periodclose.web.security;

import io.periodclose.support.TestClock;
import io.periodclose.support.Books;
import io.periodclose.support.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Brute force against the login form and HTTP Basic, on a real Tomcat (forwarded addresses, relative redirects)
 * and a clock the test moves: locks answer 429 with Retry-After even for the right password, run out, and every
 * failed sign-in is in the audit trail.
 */
@ExtendWith(TestDatabaseExtension.class)
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "period-close.programs=src/test/resources/programs", "period-close.out=target/test-out",
        "period-close.users-file=src/test/resources/users.yml"})
class SignInThrottleWebTest {

    @TestConfiguration
    static class Now {
        @Bean
        TestClock clock() {
            return new TestClock(Instant.parse("2026-01-15T10:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    @BeforeEach
    void emptyAuditTrail() {
        Books.wipe(jdbc);
    }

    @Test
    void theLoginFormAnswers429WithRetryAfterAndTheRightPasswordWorksAgainAfterTheWindow() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(signIn("ops", "guess-" + i, "198.51.100.20")).andExpect(redirectedUrl("/login?error"));
        }
        assertThat(mvc.perform(signIn("ops", "ops-password-1", "198.51.100.20"))
                .andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "60"))
                .andExpect(header().doesNotExist("Location")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("<html lang=\"en\"",
                "Too many failed sign-ins: try again in 60 seconds.");
        // the name is locked from elsewhere too; the page in the browser's language
        assertThat(mvc.perform(signIn("OPS", "ops-password-1", "192.0.2.44").header("Accept-Language", "ru"))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("<html lang=\"ru\"",
                "Слишком много неудачных попыток входа: повторите через 60 с.", ">Войти</a>");

        clock.advance(Duration.ofSeconds(30));
        mvc.perform(signIn("ops", "ops-password-1", "198.51.100.20"))
                .andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "30"));
        clock.advance(Duration.ofSeconds(30));
        mvc.perform(signIn("ops", "ops-password-1", "198.51.100.20")).andExpect(redirectedUrl("/"));

        assertThat(audit()).as("every failed sign-in, and only those, with the name as typed and the address")
                .containsExactly("ops WEB SIGN_IN from 198.51.100.20 FAILED", "ops WEB SIGN_IN from 198.51.100.20 FAILED",
                        "ops WEB SIGN_IN from 198.51.100.20 FAILED", "ops WEB SIGN_IN from 198.51.100.20 FAILED",
                        "ops WEB SIGN_IN from 198.51.100.20 FAILED");
    }

    @Test
    void httpBasicAnswers429WithRetryAfterAndWorksAgainAfterTheWindow() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/executions").with(httpBasic("fin", "guess-" + i)).with(from("198.51.100.30")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/executions").with(httpBasic("fin", "fin-password-1")).with(from("198.51.100.30")))
                .andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "60"));
        mvc.perform(get("/actuator/metrics").with(httpBasic("fin", "fin-password-1")).with(from("198.51.100.30")))
                .andExpect(status().isTooManyRequests());
        clock.advance(Duration.ofMinutes(1));
        mvc.perform(get("/api/executions").with(httpBasic("fin", "fin-password-1")).with(from("198.51.100.30")))
                .andExpect(status().isOk());
        assertThat(audit()).hasSize(5).allMatch(row -> row.equals("fin API SIGN_IN from 198.51.100.30 FAILED"));
    }

    @Test
    void aTypedNameIsStoredCutAndOnOneLine() throws Exception {
        String typed = "eve\nadmin DONE " + "x".repeat(500);
        mvc.perform(signIn(typed, "nope", "198.51.100.40")).andExpect(redirectedUrl("/login?error"));
        String stored = jdbc.queryForObject("SELECT username FROM audit_event", String.class);
        assertThat(stored).hasSize(64).startsWith("eve admin DONE xxx").doesNotContain("\n");
    }

    @Test
    void aRealServerNeverEchoesAForgedHostAndTakesTheClientAddressFromALocalProxy() throws Exception {
        String answer = raw("GET /executions HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 302").containsIgnoringCase("\r\nLocation: /login\r\n")
                .doesNotContain("evil.example");

        String basic = Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        answer = raw("GET /api/executions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + basic
                + "\r\nX-Forwarded-For: 203.0.113.99\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(audit()).containsExactly("admin API SIGN_IN from 203.0.113.99 FAILED");
    }

    @Test
    void forwardedHeadersFromAClientThatIsNotOnThisHostAreIgnored() throws Exception {
        // this machine's own non-loopback address (a private or unique-local one on most machines, which Tomcat
        // would trust by default): a client there is not a proxy of ours, so its X-Forwarded-* are ignored
        InetAddress here = NetworkInterface.networkInterfaces().filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                }).flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .min(java.util.Comparator.comparing(address -> !privateOrUniqueLocal(address))).orElseThrow(() -> new AssertionError("this machine has no non-loopback address"));
        String basic = Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        String answer;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(here, 0));
            socket.connect(new InetSocketAddress(here, port), 30_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /api/executions HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Basic "
                    + basic + "\r\nX-Forwarded-For: 203.0.113.99\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(audit()).singleElement().asString().startsWith("admin API SIGN_IN from ")
                .doesNotContain("203.0.113.99").endsWith(" FAILED");
    }

    private static boolean privateOrUniqueLocal(InetAddress address) {
        return address.isSiteLocalAddress() || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xFE) == 0xFC);
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static MockHttpServletRequestBuilder signIn(String name, String password, String address) {
        return post("/login").param("username", name).param("password", password).with(csrf()).with(from(address));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private List<String> audit() {
        return jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, target, outcome) FROM audit_event"
                + " ORDER BY id", String.class);
    }
}
