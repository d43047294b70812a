package io.periodclose.approval;

import io.periodclose.annual.AnnualRebateYearEndTest;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.statement.Pdf;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.DatabaseTest;
import io.periodclose.RefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §9 for the year-end job: with an annual rebate to post it stops after calculating it (the books of
 * {@link AnnualRebateYearEndTest#books2030}: EUR 2,200.00 + 1,100.00 + 200.00 = 3,500.00, JPY 1,001), and
 * continues once approved; without one it needs no approval.
 */
@DatabaseTest
class YearEndApprovalTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    ApprovalService approvals;

    @BeforeEach
    @AfterEach
    void noApproval() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
    }

    @Test
    void theYearEndStopsBeforePostingTheAnnualRebateAndPostsTheBooksOfACleanRunOnceApproved() throws Exception {
        AnnualRebateYearEndTest.books2030(jdbc, closes);
        assertThat(expiries.expire(2030, "alice").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> clean = entries(jdbc);
        AnnualRebateYearEndTest.books2030(jdbc, closes);
        List<String> beforeYearEnd = entries(jdbc);
        System.setProperty(ApprovalPolicy.PROPERTY, "required");

        JobExecution stopped = expiries.expire(2030, "alice "); // the launcher's name as typed, space included

        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getExitStatus().getExitCode()).isEqualTo(ApprovalGate.AWAITING_APPROVAL);
        assertThat(entries(jdbc)).as("neither the annual rebate nor the expiry is posted").isEqualTo(beforeYearEnd);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM year_lock", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT job_name || ' ' || period || ' ' || status || ' ' || totals::text"
                + " FROM approval", String.class))
                .isEqualTo("expire 2030 PENDING {\"EUR\": \"3500.00\", \"JPY\": \"1001\"}");
        assertThatThrownBy(() -> expiries.expire(2030, "carol")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the year-end of 2030 awaits approval");
        assertThatThrownBy(() -> approvals.approve(new Actor("alice", Channel.WEB), "2030"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("four eyes");
        assertThatThrownBy(() -> closes.close(Quarter.parse("2031-Q1"), LocalDate.parse("2031-04-02"), false))
                .as("a later quarter's claims would spend what the year-end expires")
                .isInstanceOf(RefusedException.class).hasMessageContaining("the year-end of 2030 awaits approval");

        ApprovalService.Decision approved = approvals.approve(new Actor("bob", Channel.WEB), "2030");

        assertThat(approved.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(entries(jdbc)).as("the books of a year-end without approval").isEqualTo(clean);
        assertThat(jdbc.queryForObject("SELECT year FROM year_lock", Integer.class)).isEqualTo(2030);
        Pdf d1 = Pdf.read(Files.readAllBytes(Path.of("target/test-out/statements/2030/D1.pdf")));
        assertThat(d1.flat()).contains("Расчёт утверждён: bob");
        assertLedgerSound(jdbc);
    }

    @Test
    void aYearEndWithNoAnnualRebateToPostNeedsNoApproval() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR");
        for (String[] close : new String[][]{{"2026-Q1", "2026-04-02"}, {"2026-Q2", "2026-07-02"},
                {"2026-Q3", "2026-10-02"}, {"2026-Q4", "2027-01-02"}}) {
            assertThat(closes.close(Quarter.parse(close[0]), LocalDate.parse(close[1]), false).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
        System.setProperty(ApprovalPolicy.PROPERTY, "required");

        JobExecution expired = expiries.expire(2026, "alice");

        assertThat(expired.getStatus()).as("the programme of 2026 has no annual rebate")
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || amount FROM ledger_entry"
                + " WHERE entry_type = 'EXPIRY'", String.class)).containsExactly("EXPIRY:D1:2026 150.0000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM approval", Long.class)).isZero();
    }

    @Test
    void aRejectedYearEndRunsAgainAsANewJobInstance() {
        AnnualRebateYearEndTest.books2030(jdbc, closes);
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        assertThat(expiries.expire(2030, "alice").getStatus()).isEqualTo(BatchStatus.STOPPED);

        ApprovalService.Decision rejected = approvals.reject(new Actor("bob", Channel.API), "2030",
                "D2's targets are wrong");
        assertThat(rejected.execution().getStatus()).isEqualTo(BatchStatus.ABANDONED);
        System.clearProperty(ApprovalPolicy.PROPERTY);

        JobExecution again = expiries.expire(2030, "alice");

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getJobParameters().getLong("attempt")).isEqualTo(1L);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'ANNUAL' ORDER BY 1",
                String.class)).containsExactly("ANNUAL:D1:2030", "ANNUAL:D2:2030", "ANNUAL:D3:2030", "ANNUAL:D6:2030");
        assertLedgerSound(jdbc);
    }
}
