package io.periodclose.schedule;

import io.periodclose.approval.ApprovalGate;
import io.periodclose.approval.ApprovalPolicy;
import io.periodclose.approval.CloseApprovalTest;
import io.periodclose.ops.Operations;
import io.periodclose.period.PeriodRules;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * SPEC §9 in serve: the scheduler's close stops for approval and the schedules page shows it waiting; a FINANCE user
 * approves it through the API and it posts; the execution page shows who approved; the one who launched a close
 * through the API cannot approve it there either. The books are {@link CloseApprovalTest}'s (EUR 190.00, JPY 1000).
 */
@WebTest
class ScheduledCloseApprovalTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Operations operations;
    @Autowired
    PeriodRules rules;
    @Autowired
    ScheduleFirings firings;
    @Autowired
    ApplicationContext context;

    @BeforeEach
    void booksWithApprovalRequired() {
        CloseApprovalTest.books(jdbc);
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
    }

    @AfterEach
    void noApproval() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
    }

    @Test
    void theSchedulersCloseWaitsForApprovalOnTheSchedulesPageAndPostsOnceAFinanceUserApproves() throws Exception {
        ScheduledLaunchJob job = new ScheduledLaunchJob(operations, rules, firings,
                context.getBeanProvider(Clock.class));
        ScheduledLaunchJob.Firing firing = job.fire("quarter-close", ScheduleJob.CLOSE, LocalDate.parse("2026-04-05"));
        firings.record("quarter-close", OffsetDateTime.now(), "test", firing.target(), firing.outcome(),
                firing.detail(), firing.jobExecutionId());

        assertThat(firing.outcome()).isEqualTo("DONE");
        assertThat(firing.detail()).isEqualTo("execution " + firing.jobExecutionId() + " STOPPED");
        assertThat(jdbc.queryForObject("SELECT exit_code FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, firing.jobExecutionId())).isEqualTo(ApprovalGate.AWAITING_APPROVAL);
        assertThat(jdbc.queryForObject("SELECT launched_by FROM approval", String.class)).isEqualTo("scheduler");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();

        String schedules = mvc.perform(get("/schedules").with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(schedules).contains("close 2026-Q1 as of 2026-04-05")
                .contains("AWAITING_APPROVAL</span> waiting for approval");

        mvc.perform(post("/api/approvals/2026-Q1/approve").with(user("fin").roles("FINANCE")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.approval.status").value("APPROVED"))
                .andExpect(jsonPath("$.approval.decidedBy").value("fin"))
                .andExpect(jsonPath("$.approval.launchedBy").value("scheduler"))
                .andExpect(jsonPath("$.execution.status").value("COMPLETED"));

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .isEqualTo(CloseApprovalTest.CLEAN_KEYS);
        long continued = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        String page = mvc.perform(get("/executions/" + continued).with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("approved by fin on ").contains("(launched by scheduler)")
                .contains("EUR 190.00, JPY 1,000");
        String schedulesAfter = mvc.perform(get("/schedules").with(user("fin").roles("FINANCE")))
                .andReturn().getResponse().getContentAsString();
        assertThat(schedulesAfter).doesNotContain("waiting for approval");
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || action || ' ' || outcome"
                + " FROM audit_event WHERE action IN ('CLOSE', 'APPROVE', 'CONTINUE') ORDER BY id", String.class))
                .containsExactly("scheduler SCHEDULER CLOSE DONE", "fin API APPROVE DONE", "fin API CONTINUE DONE");
    }

    @Test
    void whoLaunchedACloseThroughTheApiCannotApproveItThereAndTheExecutionPageRejectsWithAReason() throws Exception {
        mvc.perform(post("/api/executions").with(user("ops").roles("OPERATOR"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"job\":\"close\",\"period\":\"2026-Q1\",\"asOf\":\"2026-04-02\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("STOPPED"))
                .andExpect(jsonPath("$.exitCode").value(ApprovalGate.AWAITING_APPROVAL));
        long stopped = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);

        mvc.perform(post("/api/approvals/2026-Q1/approve").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("ops launched the close of 2026-Q1 and cannot approve it:"
                        + " someone else must (four eyes)"));
        String page = mvc.perform(get("/executions/" + stopped).with(user("fin").roles("FINANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("awaiting approval since").contains("Approve and post").contains("Reject");

        mvc.perform(post("/executions/" + stopped + "/reject").param("reason", "wrong targets")
                        .with(user("fin").roles("FINANCE")).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.queryForObject("SELECT status || ' ' || decided_by || ' ' || reason FROM approval",
                String.class)).isEqualTo("REJECTED fin wrong targets");
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, stopped)).isEqualTo("ABANDONED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT username || ' ' || channel || ' ' || action || ' ' || outcome"
                + " FROM audit_event WHERE action IN ('APPROVE', 'REJECT') ORDER BY id", String.class))
                .isEqualTo(List.of("ops API APPROVE REFUSED", "fin WEB REJECT DONE"));
    }
}
