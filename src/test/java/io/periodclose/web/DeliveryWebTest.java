package io.periodclose.web;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.TestSmtpServer;
import io.periodclose.support.TestSmtpServer.Received;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * serve's delivery (SPEC §10): an ADMIN sends a period's statements and resends one, over a real SMTP server; the
 * period's page shows what went to whom; FINANCE sees it without the buttons; the actions need the CSRF token.
 */
@WebTest
class DeliveryWebTest {

    static final TestSmtpServer SMTP = new TestSmtpServer();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.port);
        registry.add("period-close.finance-email", () -> "finance@bonus.example");
    }

    @BeforeAll
    static void start() {
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void closedQuarter() {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(Path.of("target/test-out/statements").toFile());
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "GOLD", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-02-11", "LAPTOPS", "20000.00", "EUR");
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void anAdminSendsAndResendsAndEveryoneSeesWhatWentToWhom() throws Exception {
        int before = SMTP.received().size();
        String financeView = page("fin", "FINANCE");
        assertThat(financeView).contains("Nothing was e-mailed for this period yet.").doesNotContain("id=\"send\"");
        assertThat(mvc.perform(post("/statements/2026-Q1/send").with(user("fin").roles("FINANCE")).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/statements/2026-Q1/send").with(user("admin").roles("ADMIN")))
                .andReturn().getResponse().getStatus()).as("no CSRF token").isEqualTo(403);

        MockHttpServletResponse sent = mvc.perform(post("/statements/2026-Q1/send")
                .with(user("admin").roles("ADMIN")).with(csrf())).andReturn().getResponse();

        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).matches("/executions/\\d+");
        assertThat(SMTP.received().subList(before, SMTP.received().size())).extracting(Received::to)
                .containsExactly("d1@example.com", "d2@example.com", "finance@bonus.example");
        String messageId = jdbc.queryForObject("SELECT message_id FROM delivery WHERE distributor_code = 'D2'",
                String.class);
        assertThat(page("fin", "FINANCE")).contains("d2@example.com", "SENT", "STATEMENT", "D2.pdf",
                messageId.replace("<", "&lt;").replace(">", "&gt;"), "summary sent to finance")
                .doesNotContain("Resend");
        assertThat(page("admin", "ADMIN")).contains("id=\"send\"", "Resend", "name=\"_csrf\"");

        MockHttpServletResponse resent = mvc.perform(post("/statements/2026-Q1/resend").param("distributor", "D2")
                .with(user("admin").roles("ADMIN")).with(csrf())).andReturn().getResponse();
        assertThat(resent.getStatus()).isEqualTo(302);
        assertThat(SMTP.receivedBy("d2@example.com")).last().extracting(Received::subject)
                .isEqualTo("Выписка по бонусной программе за 1 кв. 2026 (повторно): ООО «D2»");
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || action || ' ' || outcome"
                + " FROM audit_event WHERE action IN ('SEND', 'RESEND') ORDER BY id", String.class))
                .containsExactly("admin WEB SEND DONE", "admin WEB RESEND DONE");

        // a period without statements is refused back on its page
        var refused = mvc.perform(post("/statements/2026-Q2/send")
                .with(user("admin").roles("ADMIN")).with(csrf())).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/statements/2026-Q2");
        assertThat(refused.getFlashMap().get("refusal")).asString().contains("no statement of 2026-Q2");
    }

    private String page(String name, String role) throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/statements/2026-Q1").with(user(name).roles(role)))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }
}
