package io.periodclose.portal;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A distributor user sees its own distributor's portal and nothing else: not another's statement or claim, however
 * the id or path is guessed or bent, not the admin interface, not the API; every view is in the audit trail. The
 * test users dist (D1) and dist2 (D2) are in src/test/resources/users.yml.
 */
@WebTest
class PortalIsolationTest {

    private static final RequestPostProcessor DIST = user("dist").roles("DISTRIBUTOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void closedQuarter() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "RUB")
                .distributor("D2", "SILVER", "RUB")
                .invoice("D1", "2025-02-10", "LAPTOPS", "100000.00", "RUB")
                .invoice("D2", "2025-03-10", "PRINTERS", "50000.00", "RUB")
                .claim("C-D1-1", "D1", "2025-05-15", "CATALOGUES", "400.00", "RUB")
                .claim("C-D2-1", "D2", "2025-05-16", "CATALOGUES", "300.00", "RUB");
        assertThat(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        // the claims are Q2's: settled against the Q1 bonus (effective 1 April) by the Q2 close
        assertThat(closes.close(Quarter.parse("2025-Q2"), LocalDate.parse("2025-07-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void aDistributorSignsInToItsOwnPortalAndSeesItsFundStatementsAndClaims() throws Exception {
        mvc.perform(formLogin().user("dist").password("dist-password-1")).andExpect(redirectedUrl("/portal"));

        // D1: GOLD 1.5 % of 100,000.00 = 1,500.00 accrued 1 April; its claim of 400.00 in May is covered by the
        // fund in full, so 1,100.00 is left, and lapses on 31.12 unless spent
        String overview = page("/portal", DIST);
        assertThat(overview).contains("ООО «D1»", "Остаток фонда на сегодня",
                "<td class=\"num\" id=\"balance\">1100.00 RUB</td>",
                "<td class=\"num\" id=\"expiring\">1100.00 RUB</td>", "31.12." + LocalDate.now()
                .getYear()).doesNotContain("D2");
        assertThat(page("/portal?lang=en", DIST)).contains("Fund balance today", "Expires on 31 December unless spent");
        assertThat(page("/portal/fund", DIST)).contains("Начисление премии", "1500.00", "Оплата заявки", "-400.00")
                .doesNotContain("D2");
        assertThat(page("/portal/statements", DIST)).contains("2025-Q1", "D1.pdf").doesNotContain("D2.pdf");
        assertThat(page("/portal/claims", DIST)).contains("C-D1-1", "оплачена полностью").doesNotContain("C-D2-1");
        assertThat(page("/portal/claim?id=C-D1-1", DIST)).contains("<td class=\"num\" id=\"covered\">400.00</td>");
        assertThat(page("/portal/claim?id=C-D1-1", DIST)).contains("href=\"/portal/claim?id=C-D1-1&amp;lang=en\"");
        assertThat(page("/portal/claim?id=C-D1-1&lang=en", DIST)).contains("Paid by the bonus",
                "href=\"/portal/claim?id=C-D1-1&amp;lang=ru\"");

        MockHttpServletResponse pdf = get200("/portal/statements/2025-Q1/D1.pdf", DIST);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        assertThat(jdbc.queryForList("SELECT action || ' ' || target || ' ' || outcome FROM audit_event"
                + " WHERE username = 'dist' ORDER BY id", String.class)).containsSubsequence(
                "PORTAL_VIEW /portal DONE", "PORTAL_VIEW /portal?lang=en DONE", "PORTAL_VIEW /portal/fund DONE",
                "PORTAL_VIEW /portal/statements DONE", "PORTAL_VIEW /portal/claims DONE",
                "PORTAL_VIEW /portal/claim?id=C-D1-1 DONE", "DOWNLOAD 2025-Q1/D1.pdf DONE");
    }

    @Test
    void anotherDistributorsStatementOrClaimIsNotFoundByIdGuessingOrPathTricks() throws Exception {
        for (String path : List.of("/portal/statements/2025-Q1/D2.pdf", "/portal/statements/2025-Q1/D3.pdf",
                "/portal/statements/2025-Q2/D2.pdf", "/portal/statements/2025-Q1/manifest.csv",
                "/portal/claim?id=C-D2-1", "/portal/claim?id=c-d2-1", "/portal/claim?id=C-D2-1%27%20OR%20%271%27=%271",
                "/portal/statements/2025-Q1/..%2FD2.pdf", "/portal/statements/2025-Q1/%2e%2e%2f2025-Q1%2fD2.pdf",
                "/portal/statements/..%2F2025-Q1/D2.pdf", "/portal/statements/2025-Q1/D2.pdf%00.pdf",
                "/portal/statements/2025-Q1/.%2FD2.pdf", "/portal/statements/2025-Q1;/D2.pdf",
                "/portal/statements/2025-Q1/D1.pdf/../D2.pdf", "/portal/../statements/2025-Q1/files/D2.pdf")) {
            MockHttpServletResponse response = mvc.perform(get(path).with(DIST)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isIn(400, 403, 404);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(path)
                    .doesNotContain("%PDF", "C-D2-1</", "ООО «D2»");
        }
        // the distributor is the user's own, whatever the request names
        assertThat(page("/portal?distributor=D2&code=D2", DIST)).contains("ООО «D1»").doesNotContain("ООО «D2»");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE username = 'dist'"
                + " AND action = 'PORTAL_VIEW' AND outcome = 'REFUSED' AND target = '/portal/claim?id=C-D2-1'",
                Integer.class)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'DOWNLOAD'", Integer.class))
                .isZero();
        // and the other one sees its own
        assertThat(page("/portal/claims", user("dist2").roles("DISTRIBUTOR"))).contains("C-D2-1")
                .doesNotContain("C-D1-1");
    }

    @Test
    void theAdminInterfaceTheApiAndTheAuditRefuseADistributor() throws Exception {
        for (String page : List.of("/", "/dashboard", "/distributors", "/distributors/D1", "/distributors/D2",
                "/distributors?code=D2", "/statements", "/statements/2025-Q1", "/statements/2025-Q1/files/D1.pdf",
                "/statements/2025-Q1/files/D2.pdf", "/statements/2025-Q1/manifest.csv", "/executions", "/audit",
                "/simulations", "/schedules", "/launch", "/swagger-ui/index.html", "/v3/api-docs")) {
            assertThat(mvc.perform(get(page).with(DIST)).andReturn().getResponse().getStatus()).as(page)
                    .isEqualTo(403);
        }
        for (String api : List.of("/api/distributors/D1", "/api/distributors/D2", "/api/statements",
                "/api/statements/2025-Q1/files/D1.pdf", "/api/statements/2025-Q1/files/D2.pdf", "/api/executions",
                "/api/audit", "/actuator/metrics")) {
            assertThat(mvc.perform(get(api).with(httpBasic("dist", "dist-password-1"))).andReturn().getResponse()
                    .getStatus()).as(api).isEqualTo(403);
        }
        // and the staff have no portal: it has no distributor for them
        assertThat(mvc.perform(get("/portal").with(user("admin").roles("ADMIN"))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    /** The page without the logout form's CSRF token: a random token may spell "D2" by chance. */
    private String page(String path, RequestPostProcessor who) throws Exception {
        return get200(path, who).getContentAsString(StandardCharsets.UTF_8)
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    private MockHttpServletResponse get200(String path, RequestPostProcessor who) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path + ": " + response.getContentAsString()).isEqualTo(200);
        return response;
    }
}
