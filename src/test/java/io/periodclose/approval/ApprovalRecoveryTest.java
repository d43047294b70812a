package io.periodclose.approval;

import io.periodclose.cli.ExitCode;
import io.periodclose.cli.PeriodCloseCli;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.periodclose.support.JobExecutions.awaitFirstId;
import static io.periodclose.support.JobExecutions.status;
import static io.periodclose.approval.CloseApprovalTest.assertRefused;
import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 around an approval (SPEC §9), the books of {@link CloseApprovalTest}. A close stopped for approval holds
 * no process at all: what a kill can hit is the close at its approval gate, and the posting that the approval
 * continues. Either way a restart ends with the books of a clean run.
 */
@DatabaseTest
class ApprovalRecoveryTest {

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path out;

    private List<String> cleanLedger;

    @BeforeEach
    void aCleanRunFirst() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
        CloseApprovalTest.books(jdbc);
        CommandLineRun clean = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isEqualTo(ExitCode.DONE);
        cleanLedger = entries(jdbc);
        assertThat(cleanLedger).hasSize(3);
        CloseApprovalTest.books(jdbc);
        System.setProperty(ApprovalPolicy.PROPERTY, "required");
    }

    @AfterEach
    void release() {
        System.clearProperty(ApprovalPolicy.PROPERTY);
        jdbc.execute("CREATE TABLE IF NOT EXISTS kill_gate (open BOOLEAN)");
        jdbc.execute("INSERT INTO kill_gate VALUES (true)");
        jdbc.execute("DROP TRIGGER IF EXISTS hold ON approval");
        jdbc.execute("DROP TRIGGER IF EXISTS hold ON ledger_entry");
        jdbc.execute("DROP FUNCTION IF EXISTS hold()");
        jdbc.execute("DROP TABLE IF EXISTS kill_gate");
    }

    @Test
    void aCloseKilledAtItsApprovalGateIsRestartedStopsForApprovalAgainAndPostsTheBooksOfACleanRun()
            throws Exception {
        hold("approval", "true");
        Process close = child("close", "--period", "2026-Q1", "--as-of", "2026-04-02", "--by", "alice");
        try {
            long executionId = awaitFirstId(jdbc, """
                    SELECT s.job_execution_id FROM batch_step_execution s
                     WHERE s.step_name = 'awaitApproval' AND s.status = 'STARTED'
                       AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid()
                                    AND query LIKE '%ON CONFLICT (job_instance_id)%')""");

            close.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 inside the gate's transaction
            openGate();
            assertThat(status(jdbc, executionId)).isEqualTo("STARTED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM approval", Long.class)).as("rolled back").isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();

            CommandLineRun restarted = cli("jobs", "restart", Long.toString(executionId));

            assertThat(restarted.exitCode()).as(restarted.out() + restarted.err())
                    .isEqualTo(ExitCode.AWAITING_APPROVAL);
            assertThat(restarted.out()).contains("  EUR 190.00\n", "  JPY 1000\n", "launched by alice");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();
            assertRefused(cli("approve", "--period", "2026-Q1", "--by", "alice"), "four eyes");

            CommandLineRun approved = cli("approve", "--period", "2026-Q1", "--by", "bob");

            assertThat(approved.exitCode()).as(approved.out() + approved.err()).isEqualTo(ExitCode.DONE);
            assertThat(entries(jdbc)).as("the books of a clean run").isEqualTo(cleanLedger);
            assertLedgerSound(jdbc);
        } finally {
            close.destroyForcibly();
        }
    }

    @Test
    void thePostingKilledAfterTheApprovalIsRestartedAndPostsTheBooksOfACleanRun() throws Exception {
        CommandLineRun stopped = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02", "--by", "alice");
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCode.AWAITING_APPROVAL);
        // two partitions: D1, D2 and D3; D2's accrual waits in its chunk until the gate opens
        hold("ledger_entry", "NEW.distributor_code = 'D2'");
        Process approve = child("approve", "--period", "2026-Q1", "--by", "bob");
        try {
            long executionId = awaitFirstId(jdbc, """
                    SELECT s.job_execution_id FROM batch_step_execution s
                     WHERE s.step_name LIKE 'postRebatesWorker:partition%' AND s.status = 'STARTED'
                       AND EXISTS (SELECT 1 FROM ledger_entry WHERE idempotency_key = 'ACCRUAL:D1:2026-Q1')""");

            approve.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 while posting
            openGate();
            assertThat(status(jdbc, executionId)).isEqualTo("STARTED");
            assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                    .as("committed before the kill").contains("ACCRUAL:D1:2026-Q1")
                    .doesNotContain("ACCRUAL:D2:2026-Q1");
            assertThat(jdbc.queryForObject("SELECT status || ' ' || decided_by FROM approval", String.class))
                    .isEqualTo("APPROVED bob");
            assertRefused(cli("approve", "--period", "2026-Q1", "--by", "carol"), "does not await approval");

            CommandLineRun restarted = cli("jobs", "restart", Long.toString(executionId));

            assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isEqualTo(ExitCode.DONE);
            assertThat(entries(jdbc)).as("the books of a clean run").isEqualTo(cleanLedger);
            assertLedgerSound(jdbc);
            long last = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
            assertThat(jdbc.queryForList("SELECT step_name FROM batch_step_execution WHERE job_execution_id = ?"
                    + " AND step_name NOT LIKE '%:partition%' ORDER BY step_execution_id", String.class, last))
                    .as("the restart checks the approved figures again before it posts")
                    .startsWith("checkApproval", "postRebates");
        } finally {
            approve.destroyForcibly();
        }
    }

    /** Makes inserts into {@code table} for which {@code condition} holds wait, in their transaction, for the gate. */
    private void hold(String table, String condition) {
        jdbc.execute("CREATE TABLE kill_gate (open BOOLEAN)");
        jdbc.execute("""
                CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WHILE %s AND NOT EXISTS (SELECT 1 FROM kill_gate) LOOP
                        PERFORM pg_sleep(0.05);
                    END LOOP;
                    RETURN NEW;
                END $$""".formatted(condition));
        jdbc.execute("CREATE TRIGGER hold BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION hold()");
    }

    private void openGate() {
        jdbc.execute("INSERT INTO kill_gate VALUES (true)");
    }

    /** The command line in a process of its own, which the test kills; approval required, two partitions. */
    private Process child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dspring.datasource.url=" + System.getProperty("spring.datasource.url"),
                "-Dspring.datasource.username=" + System.getProperty("spring.datasource.username", "postgres"),
                "-Dspring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
                "-Dperiod-close.close-chunk-size=1", "-Dperiod-close.rebate-chunk-size=1",
                "-Dperiod-close.grid-size=2", "-D" + ApprovalPolicy.PROPERTY + "=required",
                PeriodCloseCli.class.getName(), "--programs", "src/test/resources/programs", "--out", out.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
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
