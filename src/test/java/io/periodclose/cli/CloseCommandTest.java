package io.periodclose.cli;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static org.assertj.core.api.Assertions.assertThat;

/** close, expire and jobs as an operator runs them: exit codes, refusals, and recovery after kill -9. */
@DatabaseTest
class CloseCommandTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "JPY")
                .distributor("D3", "BRONZE", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-01-20", "MONITORS", "100001", "JPY")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR")
                .invoice("D1", "2026-05-10", "LAPTOPS", "100.00", "EUR");
    }

    @Test
    void everyRefusalExitsWithThreeAndSaysWhy() {
        assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-03-31"), "has not ended yet");
        assertRefused(cli("close", "--period", "2026-Q2", "--as-of", "2026-07-02"), "close it first");
        assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02", "--reclose"), "not closed yet");
        assertRefused(cli("expire", "--year", "2026"), "needs 2026-Q4 closed");
        assertRefused(cli("rebates", "--period", "2026-Q1"), "has not been closed yet");

        CommandLineRun closed = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertThat(closed.exitCode()).as(closed.err()).isEqualTo(ExitCode.DONE);
        assertThat(closed.out()).contains("close completed");

        assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-03"), "already closed");
        assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-03-30", "--reclose"), "later than the end");
        assertThat(cli("close", "--period", "2026-Q5").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli("balances", "--as-of", "2026-02-30").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void aCloseThatIsRunningIsRefusedAndOneLeftBehindByADeadProcessNamesItsRestart() throws Exception {
        JobInstance instance = jobRepository.createJobInstance("close", closeParameters());
        JobExecution running = jobRepository.createJobExecution(instance, closeParameters(),
                new org.springframework.batch.infrastructure.item.ExecutionContext());
        running.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        jobRepository.update(running);
        // a connection of its own, as another process would hold: closing it ends the session and frees the lock
        try (Connection process = java.sql.DriverManager.getConnection(System.getProperty("spring.datasource.url"),
                System.getProperty("spring.datasource.username", "postgres"),
                System.getProperty("spring.datasource.password", ""))) {
            process.createStatement().execute("SELECT pg_advisory_lock(" + 0x50434c53 + ", " + running.getId() + ")");
            assertRefused(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02"), "already running as execution "
                    + running.getId());
            assertRefused(cli("jobs", "restart", Long.toString(running.getId())), "still running");
        }
        CommandLineRun orphaned = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertRefused(orphaned, "its process is gone");
        assertThat(orphaned.err()).contains("jobs restart " + running.getId());
    }

    @Test
    void aCloseKilledWithSigkillIsRecoveredAndRestartedByOneCommand() throws Exception {
        slowDownRebates();
        Process close = child("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        long executionId = awaitRunningStep("calculateRebatesWorker:partition0");

        close.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        assertThat(status(executionId)).isEqualTo("STARTED");
        jdbc.execute("DROP TRIGGER slow_rebates ON rebate");

        CommandLineRun restart = cli("jobs", "restart", Long.toString(executionId));

        assertThat(restart.exitCode()).as(restart.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .containsExactly("ACCRUAL:D1:2026-Q1", "ACCRUAL:D2:2026-Q1", "ACCRUAL:D3:2026-Q1");
        assertThat(cli("verify").exitCode()).isZero();
        assertLedgerSound(jdbc);
    }

    @Test
    void sigtermStopsTheCloseGracefullyAndItRestartsWhereItStopped() throws Exception {
        slowDownRebates();
        Process close = child("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        long executionId = awaitRunningStep("calculateRebatesWorker:partition0");

        close.destroy(); // SIGTERM
        assertThat(close.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status(executionId)).isEqualTo("STOPPED");
        jdbc.execute("DROP TRIGGER slow_rebates ON rebate");

        assertThat(cli("jobs", "restart", Long.toString(executionId)).exitCode()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isEqualTo(3);
    }

    @Test
    void verifyFailsWhenTheLedgerHasBeenTamperedWith() {
        assertThat(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02").exitCode()).isZero();
        assertThat(cli("verify").exitCode()).isZero();

        jdbc.execute("SET session_replication_role = replica");
        try {
            jdbc.update("UPDATE ledger_line SET credit = credit + 1 WHERE line_no = 2 AND entry_id = (SELECT min(id) FROM ledger_entry)");
        } finally {
            jdbc.execute("SET session_replication_role = DEFAULT");
        }
        CommandLineRun verify = cli("verify");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(verify.out()).contains("FAILED every entry balances");
    }

    private void slowDownRebates() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION slow_rebates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER slow_rebates BEFORE INSERT ON rebate FOR EACH ROW EXECUTE FUNCTION slow_rebates()");
    }

    private static org.springframework.batch.core.job.parameters.JobParameters closeParameters() {
        return new JobParametersBuilder().addString("period", "2026-Q1").addLong("sequence", 0L).toJobParameters();
    }

    /** The command line in a process of its own, which the test may kill. */
    private static Process child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dspring.datasource.url=" + System.getProperty("spring.datasource.url"),
                "-Dspring.datasource.username=" + System.getProperty("spring.datasource.username", "postgres"),
                "-Dspring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
                "-Dperiod-close.close-chunk-size=1", "-Dperiod-close.grid-size=1",
                PeriodCloseCli.class.getName(), "--programs", "src/test/resources/programs"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private long awaitRunningStep(String step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> ids = jdbc.queryForList("""
                    SELECT s.job_execution_id FROM batch_step_execution s
                     WHERE s.step_name = ? AND s.status = 'STARTED'""", Long.class, step);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the close never reached " + step);
    }

    private String status(long executionId) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                executionId);
    }

    private static void assertRefused(CommandLineRun run, String reason) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).contains(reason);
    }

    private static CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }
}
