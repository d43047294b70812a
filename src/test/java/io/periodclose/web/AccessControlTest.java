package io.periodclose.web;

import io.periodclose.expiry.ExpiryService;
import io.periodclose.ops.AuditLog;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.InjectedFailure;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who may do what in serve, CSRF on forms, and the audit trail of every action, on real PostgreSQL. */
@WebTest
class AccessControlTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    AuditLog auditLog;
    @Autowired
    ExpiryService expiries;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).goldAndSilverInvoicedIn2025Q1();
    }

    @Test
    void anAnonymousUserSeesNothingButTheLoginPage() throws Exception {
        for (String page : List.of("/", "/executions", "/executions/1", "/launch", "/statements", "/distributors",
                "/audit", "/schedules", "/swagger-ui/index.html", "/v3/api-docs")) {
            mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(get("/api/executions")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void usersSignInWithTheirBcryptPasswordFromTheUsersFile() throws Exception {
        mvc.perform(formLogin().user("fin").password("fin-password-1"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("fin").password("wrong-password"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/api/executions").with(httpBasic("ops", "ops-password-1"))).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/api/executions").with(httpBasic("ops", "nope"))).andExpect(status().isUnauthorized());
    }

    @Test
    void financeReadsButCannotLaunchRestartOrSchedule() throws Exception {
        JobExecution failed = failedClose();
        var finance = user("fin").roles("FINANCE");
        mvc.perform(get("/executions").with(finance)).andExpect(status().isOk());
        mvc.perform(get("/executions/" + failed.getId()).with(finance)).andExpect(status().isOk());
        mvc.perform(get("/statements").with(finance)).andExpect(status().isOk());
        mvc.perform(get("/distributors/D1").with(finance)).andExpect(status().isOk());

        mvc.perform(post("/executions/" + failed.getId() + "/restart").with(finance).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/executions/" + failed.getId() + "/restart").with(finance)).andExpect(status().isForbidden());
        mvc.perform(post("/launch/close").param("period", "2025-Q1").with(finance).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/schedules/quarter-close/trigger").with(finance).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/audit").with(finance)).andExpect(status().isForbidden());
        mvc.perform(post("/api/executions/" + failed.getId() + "/restart").with(httpBasic("fin", "fin-password-1")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/executions").with(httpBasic("fin", "fin-password-1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"job\":\"close\",\"period\":\"2025-Q1\"}"))
                .andExpect(status().isForbidden());
        // an operator launches, but does not restart
        mvc.perform(post("/api/executions/" + failed.getId() + "/restart").with(httpBasic("ops", "ops-password-1")))
                .andExpect(status().isForbidden());

        assertThat(executionStatus(failed.getId())).as("nothing was restarted").isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
        assertThat(audit()).as("each refused attempt is recorded").contains(
                "fin WEB DENIED POST /executions/" + failed.getId() + "/restart DENIED",
                "fin WEB DENIED POST /launch/close DENIED",
                "fin WEB DENIED POST /schedules/quarter-close/trigger DENIED",
                "fin API DENIED POST /api/executions/" + failed.getId() + "/restart DENIED",
                "fin API DENIED POST /api/executions DENIED",
                "ops API DENIED POST /api/executions/" + failed.getId() + "/restart DENIED");
    }

    @Test
    void aPostWithoutCsrfTokenIsRefusedEvenForAnAdmin() throws Exception {
        JobExecution failed = failedClose();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/executions/" + failed.getId() + "/restart").with(admin)).andExpect(status().isForbidden());
        mvc.perform(post("/executions/" + failed.getId() + "/restart").with(admin).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/launch/expire").param("year", "2025").with(admin)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(admin)).andExpect(status().isForbidden());

        assertThat(executionStatus(failed.getId())).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action <> 'DENIED'", Integer.class))
                .as("nothing was done").isZero();
        assertThat(audit()).contains("admin WEB DENIED POST /executions/" + failed.getId() + "/restart DENIED");
    }

    @Test
    void everyAdminActionLandsInTheAuditTrail() throws Exception {
        JobExecution failed = failedClose();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/executions/" + failed.getId() + "/restart").with(admin).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrlPattern("/executions/*"))
                .andExpect(flash().attributeExists("message"));
        long restarted = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(executionStatus(restarted)).isEqualTo("COMPLETED");

        mvc.perform(post("/executions/" + restarted + "/stop").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/executions/" + restarted)).andExpect(flash().attributeExists("refusal"));
        mvc.perform(post("/executions/" + restarted + "/abandon").with(admin).with(csrf()))
                .andExpect(flash().attributeExists("refusal"));
        mvc.perform(post("/launch/close").param("period", "2025-Q2").param("asOf", "2025-06-30")
                        .with(user("ops").roles("OPERATOR")).with(csrf()))
                .andExpect(redirectedUrl("/launch")).andExpect(flash().attributeExists("refusal"));
        mvc.perform(post("/api/executions").with(httpBasic("ops", "ops-password-1"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"close\",\"period\":\"2025-Q2\",\"asOf\":\"2025-07-05\"}"))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.job").value("close"));
        mvc.perform(post("/api/executions").with(httpBasic("ops", "ops-password-1"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"close\",\"period\":\"2025-Q2\",\"asOf\":\"2025-07-05\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Refused by a rule"));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT username, channel, action, job_execution_id, outcome FROM audit_event ORDER BY id");
        assertThat(rows).extracting(row -> row.get("username") + " " + row.get("channel") + " " + row.get("action")
                + " " + row.get("outcome")).containsExactly(
                "admin WEB RESTART DONE",
                "admin WEB STOP REFUSED",
                "admin WEB ABANDON REFUSED",
                "ops WEB CLOSE REFUSED",
                "ops API CLOSE DONE",
                "ops API CLOSE REFUSED");
        assertThat(rows.get(0).get("job_execution_id")).as("the restart names the execution that ran")
                .isEqualTo(restarted);
        mvc.perform(get("/audit").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("RESTART")));
        mvc.perform(get("/api/audit").with(httpBasic("admin", "admin-password-1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].action").value("CLOSE")).andExpect(jsonPath("$[0].outcome").value("REFUSED"));
    }

    @Test
    void statementsDownloadOnlyFilesTheBooksKnow() throws Exception {
        assertThat(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        var finance = user("fin").roles("FINANCE");
        mvc.perform(get("/statements/2025-Q1").with(finance)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("D1.pdf")));
        byte[] pdf = mvc.perform(get("/statements/2025-Q1/files/D1.pdf").with(finance))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        mvc.perform(get("/statements/2025-Q1/manifest.csv").with(finance)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.startsWith("code,file,sha256,closing_balance")));
        mvc.perform(get("/statements/2025-Q1/files/..%2F..%2Fmanifest.csv").with(finance))
                .andExpect(status().is4xxClientError());
        mvc.perform(get("/statements/2025-Q1/files/D9.pdf").with(finance)).andExpect(status().isNotFound());
        assertThat(audit()).contains("fin WEB DOWNLOAD 2025-Q1/D1.pdf DONE");
    }

    @Test
    void theYearsProgrammeReportDownloadsFromItsStatementsPage() throws Exception {
        for (String[] close : new String[][]{{"2025-Q1", "2025-04-05"}, {"2025-Q2", "2025-07-05"},
                {"2025-Q3", "2025-10-05"}, {"2025-Q4", "2026-01-05"}}) {
            assertThat(closes.close(Quarter.parse(close[0]), LocalDate.parse(close[1]), false).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
        var finance = user("fin").roles("FINANCE");
        mvc.perform(get("/statements/2025").with(finance)).andExpect(status().isNotFound());
        assertThat(expiries.expire(2025).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        mvc.perform(get("/statements/2025").with(finance)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "href=\"/statements/2025/programme-report.pdf\"")));
        byte[] pdf = mvc.perform(get("/statements/2025/programme-report.pdf").with(finance))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(pdf).isEqualTo(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("target/test-out/statements/2025/programme-report.pdf")));
        // a quarter has no programme report, and the year's page of a quarter does not offer one
        mvc.perform(get("/statements/2025-Q1/programme-report.pdf").with(finance)).andExpect(status().isNotFound());
        assertThat(audit()).contains("fin WEB DOWNLOAD 2025/programme-report.pdf DONE");
    }

    @Test
    void theSchedulesAreReadByAllAndChangedOnlyByOperatorsWhereTheSchedulerRuns() throws Exception {
        mvc.perform(get("/api/schedules").with(httpBasic("fin", "fin-password-1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("quarter-close"))
                .andExpect(jsonPath("$[0].state").value("DISABLED"));
        mvc.perform(get("/schedules").with(user("fin").roles("FINANCE"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("year-end-expiry")));
        mvc.perform(post("/api/schedules/quarter-close/pause").with(httpBasic("fin", "fin-password-1")))
                .andExpect(status().isForbidden());
        // this context runs no scheduler (as a command would not): a change is refused, and said so
        mvc.perform(post("/api/schedules/quarter-close/pause").with(httpBasic("ops", "ops-password-1")))
                .andExpect(status().isConflict());
        assertThat(audit()).contains("fin API DENIED POST /api/schedules/quarter-close/pause DENIED",
                "ops API SCHEDULE_PAUSE schedule quarter-close REFUSED");
    }

    @Test
    void anonymousRequestsNeverGrowTheAuditTrailAndWhatIsStoredIsBounded() throws Exception {
        String longPath = "/executions/1/" + "x".repeat(6000);
        for (int i = 0; i < 100; i++) {
            String path = switch (i % 4) {
                case 0 -> "/executions/" + i + "/restart";
                case 1 -> "/logout";
                case 2 -> longPath;
                default -> "/launch/close";
            };
            mvc.perform(post(path).param("junk", "y".repeat(7000))).andExpect(status().isForbidden());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event", Integer.class))
                .as("100 anonymous POSTs without a CSRF token add no audit row").isZero();

        mvc.perform(post(longPath).with(user("fin").roles("FINANCE"))
                        .header("X-CSRF-TOKEN", "t".repeat(5000)))
                .andExpect(status().isForbidden());
        Map<String, Object> row = jdbc.queryForMap("SELECT username, target, detail FROM audit_event");
        assertThat(row.get("username")).isEqualTo("fin");
        assertThat((String) row.get("target")).hasSize(200).startsWith("POST /executions/1/xxx").endsWith("\u2026");
        assertThat(((String) row.get("detail")).length()).isLessThanOrEqualTo(500);
    }

    @Test
    void theActionsOnAnExecutionAreShownToAdminsOnly() throws Exception {
        JobExecution failed = failedClose();
        auditLog.record("admin", AuditLog.Channel.WEB, "STOP", null, failed.getId(), AuditLog.Outcome.REFUSED,
                "secret-detail-of-the-audit-trail");
        for (var who : List.of(user("fin").roles("FINANCE"), user("ops").roles("OPERATOR"))) {
            mvc.perform(get("/executions/" + failed.getId()).with(who))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                            "secret-detail-of-the-audit-trail"))))
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                            "Actions on this execution"))));
        }
        mvc.perform(get("/executions/" + failed.getId()).with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("secret-detail-of-the-audit-trail")));
    }

    @Test
    void everyAnswerCarriesAContentSecurityPolicyAndAReferrerPolicy() throws Exception {
        for (var request : List.of(get("/login"), get("/executions").with(user("fin").roles("FINANCE")),
                get("/api/executions").with(httpBasic("fin", "fin-password-1")), get("/actuator/health"),
                get("/executions"))) {
            mvc.perform(request)
                    .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("default-src 'self'"),
                            org.hamcrest.Matchers.containsString("script-src 'self'"),
                            org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))))
                    .andExpect(header().string("Referrer-Policy", "same-origin"));
        }
        // the pages work under it: no inline script, style or event handler in any template
        try (var templates = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/templates"))) {
            for (var template : templates.toList()) {
                assertThat(java.nio.file.Files.readString(template)).as(template.toString())
                        .doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)[^>]*>")
                        .doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
            }
        }
    }

    @Test
    void theRedirectToTheLoginPageNeverEchoesTheHostHeader() throws Exception {
        mvc.perform(get("/executions").header("Host", "evil.example").header("X-Forwarded-Host", "evil.example"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theRedirectAfterSigningInNeverEchoesTheHostHeader() throws Exception {
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(get("/executions?x=1")
                        .header("Host", "evil.example"))
                .andExpect(redirectedUrl("/login")).andReturn().getRequest().getSession();
        mvc.perform(post("/login").session(session).header("Host", "evil.example").with(csrf())
                        .param("username", "fin").param("password", "fin-password-1"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/executions?x=1&continue"));
    }

    /** A close of 2025-Q1 failed by the database refusing D2's rebate; the table is healed afterwards. */
    private JobExecution failedClose() {
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "rebate", "NEW.distributor_code = 'D2'")) {
            JobExecution execution = closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
            return execution;
        }
    }

    private String executionStatus(long id) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, id);
    }

    private List<String> audit() {
        return jdbc.queryForList("SELECT concat_ws(' ', username, channel, action, target, outcome) FROM audit_event"
                + " ORDER BY id", String.class);
    }
}
