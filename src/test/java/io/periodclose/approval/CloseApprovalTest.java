package io.periodclose.approval;

import io.periodclose.cli.ExitCode;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.statement.Pdf;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §9, approval before posting, on PostgreSQL with {@code period-close.approval=required}. The books: D1 GOLD
 * 10,000.00 EUR → 1.5 % = 150.00; D2 SILVER 100,001 JPY → 1 % = 1,000.01 → 1,000 JPY; D3 BRONZE 7,999.99 EUR →
 * 0.5 % = 39.99995 → 40.00. No targets, no last year: the base rate only. Totals: EUR 190.00, JPY 1000.
 */
@DatabaseTest
public class CloseApprovalTest {

    public static final List<String> CLEAN_KEYS = List.of("ACCRUAL:D1:2026-Q1", "ACCRUAL:D2:2026-Q1",
            "ACCRUAL:D3:2026-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    JobRuns jobRuns;
    @Autowired
    ApprovalService approvalService;

    @TempDir
    Path out;

    @BeforeEach
    void books() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
        books(jdbc);
    }

    public static void books(JdbcTemplate jdbc) {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "JPY")
                .distributor("D3", "BRONZE", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-01-20", "MONITORS", "100001", "JPY")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR");
    }

    @AfterEach
    void noApproval() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
    }

    @Test
    void aCloseStopsWithNothingPostedAndASecondUsersApprovalPostsTheBooksOfACloseWithoutApproval() throws Exception {
        CommandLineRun clean = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isEqualTo(ExitCode.DONE);
        List<String> cleanLedger = entries(jdbc);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .isEqualTo(CLEAN_KEYS);
        books(jdbc);
        System.setProperty(ApprovalPolicy.PROPERTY, "required");

        CommandLineRun stopped = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02", "--by", "alice");

        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(stopped.out()).contains("close AWAITING_APPROVAL (execution ").contains("nothing is posted")
                .contains("  EUR 190.00\n").contains("  JPY 1000\n").contains("launched by alice")
                .contains("approve --period 2026-Q1 --by NAME").contains("reject --period 2026-Q1 --by NAME --reason");
        long stoppedId = executionId(stopped.out(), "AWAITING_APPROVAL \\(execution (\\d+)\\)");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || exit_code FROM batch_job_execution"
                + " WHERE job_execution_id = ?", String.class, stoppedId)).isEqualTo("STOPPED AWAITING_APPROVAL");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).as("nothing posted").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM period_close", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Long.class)).as("calculated").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT status || ' ' || launched_by || ' ' || totals::text FROM approval",
                String.class)).isEqualTo("PENDING alice {\"EUR\": \"190.00\", \"JPY\": \"1000\"}");

        assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-03"), "awaits approval");
        assertRefused(cli("jobs", "restart", Long.toString(stoppedId)), "awaits approval");
        assertRefused(cli("approve", "--period", "2026-Q1", "--by", "alice"), "alice launched the close of 2026-Q1"
                + " and cannot approve it");
        assertRefused(cli("approve", "--period", "2026-Q1", "--by", "ALICE"), "four eyes");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();

        CommandLineRun approved = cli("approve", "--period", "2026-Q1", "--by", "bob");

        assertThat(approved.exitCode()).as(approved.out() + approved.err()).isEqualTo(ExitCode.DONE);
        assertThat(approved.out()).contains("2026-Q1: approved by bob on ").contains("close completed");
        assertThat(entries(jdbc)).as("the ledger of a close without approval").isEqualTo(cleanLedger);
        assertLedgerSound(jdbc);
        assertThat(jdbc.queryForList("""
                SELECT e.status || ' ' || e.exit_code FROM batch_job_execution e
                  JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'close'
                 ORDER BY e.job_execution_id""", String.class)).as("one job instance, continued")
                .containsExactly("STOPPED AWAITING_APPROVAL", "COMPLETED COMPLETED");
        long continued = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(jdbc.queryForList("SELECT step_name FROM batch_step_execution WHERE job_execution_id = ?"
                + " AND step_name NOT LIKE '%:partition%' ORDER BY step_execution_id", String.class, continued))
                .as("the continuation starts after the calculation").containsExactly("checkApproval", "postRebates",
                        "applyClaims", "markClosed", "writeQuarterStatements", "writeQuarterManifest",
                        "sendAfterClose");

        CommandLineRun show = cli("jobs", "show", Long.toString(continued));
        assertThat(show.out()).contains("approval: approved by bob on ").contains("(launched by alice)")
                .contains("totals EUR 190.00, JPY 1000; figures sha256 ");
        String statement = String.join("\n", Pdf.read(Files.readAllBytes(
                out.resolve("statements/2026-Q1/D1.pdf"))).pages());
        assertThat(statement).contains("bob");
        assertThat(jdbc.queryForList("""
                SELECT username || ' ' || channel || ' ' || action || ' ' || outcome FROM audit_event
                 WHERE action IN ('APPROVE', 'REJECT', 'CONTINUE') ORDER BY id""", String.class))
                .containsExactly("alice CLI APPROVE REFUSED", "ALICE CLI APPROVE REFUSED", "bob CLI APPROVE DONE",
                        "bob CLI CONTINUE DONE");
    }

    @Test
    void aRejectedCloseIsAbandonedAndANewCloseOfTheQuarterWorks() throws Exception {
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        CommandLineRun stopped = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02", "--by", "alice");
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCode.AWAITING_APPROVAL);

        assertThat(cli("reject", "--period", "2026-Q1", "--by", "bob", "--reason", " ").exitCode())
                .as("a rejection needs a reason").isEqualTo(ExitCode.BAD_INPUT);
        CommandLineRun rejected = cli("reject", "--period", "2026-Q1", "--by", "bob", "--reason",
                "D1's February invoice is missing");

        assertThat(rejected.exitCode()).as(rejected.out() + rejected.err()).isEqualTo(ExitCode.DONE);
        assertThat(rejected.out()).contains("rejected by bob on ").contains("is ABANDONED");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || decided_by || ' ' || reason FROM approval",
                String.class)).isEqualTo("REJECTED bob D1's February invoice is missing");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();
        assertRefused(cli("approve", "--period", "2026-Q1", "--by", "carol"), "rejected by bob");

        // the data is fixed: 1,000.00 more for D1 → 1.5 % of 11,000.00 = 165.00; closed without approval now
        new Fixtures(jdbc).invoice("LATE1", "D1", "2026-03-10", "1000.00", "EUR", "2026-04-30");
        System.clearProperty(ApprovalPolicy.PROPERTY);
        CommandLineRun closed = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-03", "--by", "alice");

        assertThat(closed.exitCode()).as(closed.out() + closed.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || amount FROM ledger_entry ORDER BY 1",
                String.class)).containsExactly("ACCRUAL:D1:2026-Q1 165.0000", "ACCRUAL:D2:2026-Q1 1000.0000",
                "ACCRUAL:D3:2026-Q1 40.0000");
        assertThat(jdbc.queryForList("SELECT concat_ws(' ', sequence, reclose, business_date) FROM close_run"
                + " ORDER BY sequence", String.class)).as("a new close, not a re-close, after the rejected one")
                .containsExactly("0 f 2026-04-02", "1 f 2026-04-03");
        String statement = String.join("\n", Pdf.read(Files.readAllBytes(
                out.resolve("statements/2026-Q1/D1.pdf"))).pages());
        assertThat(statement).as("the statement of a close, not of a re-close").contains("QS-2026-Q1-D1")
                .doesNotContain("QS-2026-Q1-D1-R");
        assertThat(jdbc.queryForList("SELECT username || ' ' || action || ' ' || outcome || ' ' || detail"
                + " FROM audit_event WHERE action = 'REJECT' ORDER BY id", String.class))
                .hasSize(2).first().asString().startsWith("bob REJECT REFUSED a rejection needs a reason");
        assertLedgerSound(jdbc);
    }

    @Test
    void figuresChangedAfterTheApprovalAreRefusedAtPostingAndTheRunCanThenBeRejected() {
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        JobExecution stopped = closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false, "alice");
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getExitStatus().getExitCode()).isEqualTo(ApprovalGate.AWAITING_APPROVAL);

        Approval approval = approvalService.record(new Actor("bob", Channel.API), "2026-Q1");
        assertThat(approval.describe()).startsWith("approved by bob on ");
        // someone edits a calculated figure in the database between the approval and the posting
        jdbc.update("UPDATE rebate SET total = total + 1000 WHERE distributor_code = 'D1'");

        JobExecution refused = jobRuns.restart(stopped.getId());

        assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.getStepExecutions()).filteredOn(s -> s.getStepName().equals("checkApproval"))
                .singleElement().satisfies(step -> assertThat(step.getExitStatus().getExitDescription())
                        .contains("the calculated figures of 2026-Q1 changed since they were approved by bob"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).as("nothing posted").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_step_execution WHERE step_name = 'postRebates'",
                Long.class)).isZero();

        // restarting it again refuses again: the check runs in every execution that may post
        JobExecution again = jobRuns.restart(refused.getId());
        assertThat(again.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();

        ApprovalService.Decision rejected = approvalService.reject(new Actor("bob", Channel.API), "2026-Q1",
                "a rebate row was edited by hand");
        assertThat(rejected.execution().getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(rejected.approval().status()).isEqualTo(Approval.Status.REJECTED);
    }

    @Test
    void figuresChangedBeforeTheApprovalAreRefusedToTheApprover() {
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
        closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false, "alice");
        jdbc.update("UPDATE rebate SET cap_applied = NOT cap_applied WHERE distributor_code = 'D3'");

        assertRefused(cli("approve", "--period", "2026-Q1", "--by", "bob"), "the calculated figures of 2026-Q1"
                + " changed since the close of 2026-Q1 stopped for approval");
        assertThat(jdbc.queryForObject("SELECT status FROM approval", String.class)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();
    }

    @Test
    void aReCloseStopsForApprovalAndPostsOnlyTheDifferenceOnceApproved() {
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false, "alice")
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        new Fixtures(jdbc).invoice("LATE1", "D1", "2026-03-10", "1000.00", "EUR", "2026-04-30");
        System.setProperty(ApprovalPolicy.PROPERTY, "required");

        CommandLineRun stopped = cli("close", "--period", "2026-Q1", "--reclose", "--as-of", "2026-05-02",
                "--by", "alice");

        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        assertThat(stopped.out()).as("the re-close's totals: EUR 165.00 + 40.00").contains("  EUR 205.00\n");
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .isEqualTo(CLEAN_KEYS);

        CommandLineRun approved = cli("approve", "--period", "2026-Q1", "--by", "bob");

        assertThat(approved.exitCode()).as(approved.out() + approved.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || effective_date || ' ' || amount"
                + " FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'", String.class))
                .containsExactly("ADJUSTMENT:D1:2026-Q1:1 2026-05-02 15.0000");
        assertLedgerSound(jdbc);
    }

    private static long executionId(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    static void assertRefused(CommandLineRun run, String reason) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).contains(reason);
    }

    private CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        full[2] = "--out";
        full[3] = out.toString();
        System.arraycopy(args, 0, full, 4, args.length);
        return CommandLineRun.of(full);
    }
}
