package io.periodclose.cli;

import io.periodclose.partition.WorkerIdentity;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.periodclose.support.JobExecutions.awaitFirstId;
import static io.periodclose.support.JobExecutions.status;
import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/** close, expire and jobs as an operator runs them: exit codes, refusals, and recovery after kill -9. */
@DatabaseTest
class CloseCommandTest {

    /** The execution of a step that is running now (STARTED, committed), by the step's name. */
    private static final String RUNNING_STEP = """
            SELECT s.job_execution_id FROM batch_step_execution s
             WHERE s.step_name = ? AND s.status = 'STARTED'""";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    DataSource dataSource;
    @Autowired
    CloseService closes;

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
        for (String year : new String[] {"0", "-1", "99999", "twenty"}) {
            CommandLineRun expire = cli("expire", "--year", year);
            assertThat(expire.exitCode()).as("expire --year " + year).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(expire.err()).as(year).contains("a year must");
            assertThat(cli("annual", "--year", year).exitCode()).as("annual --year " + year)
                    .isEqualTo(ExitCode.BAD_INPUT);
        }
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
        long executionId = awaitFirstId(jdbc, RUNNING_STEP, "calculateRebatesWorker:partition0");

        close.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        assertThat(status(jdbc, executionId)).isEqualTo("STARTED");
        jdbc.execute("DROP TRIGGER slow_rebates ON rebate");

        CommandLineRun restart = cli("jobs", "restart", Long.toString(executionId));

        assertThat(restart.exitCode()).as(restart.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .containsExactly("ACCRUAL:D1:2026-Q1", "ACCRUAL:D2:2026-Q1", "ACCRUAL:D3:2026-Q1");
        assertThat(cli("verify").exitCode()).isZero();
        assertLedgerSound(jdbc);
    }

    @Test
    void aCloseKilledWithSigkillAfterSomePartitionsCommittedResumesThemAndEndsWithTheBooksOfACleanRun()
            throws Exception {
        List<String> cleanRebates;
        List<String> cleanLedger;
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        cleanRebates = rebates();
        cleanLedger = entries(jdbc);
        books();

        // two partitions: partition0 = D1, D2 and partition1 = D3; D2's rebate waits until the test opens the gate
        holdRebateOf("D2");
        Process close = child(2, "close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        try {
            long executionId = awaitFirstId(jdbc, """
                    SELECT s.job_execution_id FROM batch_step_execution s
                     WHERE s.step_name = 'calculateRebatesWorker:partition1' AND s.status = 'COMPLETED'
                       AND EXISTS (SELECT 1 FROM rebate WHERE distributor_code = 'D1')""");

            close.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9, D2's chunk in flight
            openGate();
            assertThat(status(jdbc, executionId)).isEqualTo("STARTED");
            assertThat(jdbc.queryForList("SELECT distributor_code FROM rebate ORDER BY 1", String.class))
                    .as("committed before the kill").containsExactly("D1", "D3");

            CommandLineRun restart = cli("jobs", "restart", Long.toString(executionId));

            assertThat(restart.exitCode()).as(restart.err()).isEqualTo(ExitCode.DONE);
            long restarted = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
            assertThat(steps(restarted)).as("completed steps and partitions are not run again; partition0 resumes"
                    + " after D1, its last committed chunk")
                    .doesNotContainKeys("extractTurnover", "calculateRebatesWorker:partition1")
                    .containsEntry("calculateRebatesWorker:partition0", "COMPLETED read 1 written 1")
                    .containsEntry("calculateRebates", "COMPLETED read 1 written 1")
                    .containsKeys("postRebates", "markClosed", "writeQuarterStatements");
            assertThat(steps(executionId)).containsEntry("calculateRebatesWorker:partition1", "COMPLETED read 1 written 1")
                    .hasEntrySatisfying("extractTurnover", step -> assertThat(step).startsWith("COMPLETED"));
            assertThat(rebates()).as("one rebate each, as a clean run's").isEqualTo(cleanRebates);
            assertThat(entries(jdbc)).as("the ledger of a clean run").isEqualTo(cleanLedger);
            assertLedgerSound(jdbc);
        } finally {
            close.destroyForcibly();
            releaseHold();
        }
    }

    @Test
    void sigtermStopsTheCloseGracefullyAndItRestartsWhereItStopped() throws Exception {
        slowDownRebates();
        Process close = child("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        long executionId = awaitFirstId(jdbc, """
                SELECT s.job_execution_id FROM batch_step_execution s
                 WHERE s.step_name = 'calculateRebatesWorker:partition0' AND s.status = 'STARTED'
                   AND EXISTS (SELECT 1 FROM rebate)""");

        close.destroy(); // SIGTERM, a chunk committed and the next one in flight
        assertThat(close.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status(jdbc, executionId)).isEqualTo("STOPPED");
        jdbc.execute("DROP TRIGGER slow_rebates ON rebate");
        long committed = jdbc.queryForObject("SELECT count(*) FROM rebate", Long.class);
        assertThat(committed).as("stopped at a chunk boundary, before the last distributor").isBetween(1L, 2L);

        assertThat(cli("jobs", "restart", Long.toString(executionId)).exitCode()).isEqualTo(ExitCode.DONE);

        long restarted = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(steps(restarted)).as("the restart resumed after the last committed chunk")
                .doesNotContainKey("extractTurnover")
                .containsEntry("calculateRebatesWorker:partition0",
                        "COMPLETED read " + (3 - committed) + " written " + (3 - committed));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isEqualTo(3);
    }

    /** Makes the rebate of one distributor wait, inside its chunk's transaction, until {@link #openGate()}. */
    private void holdRebateOf(String distributor) {
        jdbc.execute("CREATE TABLE kill_gate (open BOOLEAN)");
        jdbc.execute("""
                CREATE FUNCTION hold_rebate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WHILE NEW.distributor_code = '%s' AND NOT EXISTS (SELECT 1 FROM kill_gate) LOOP
                        PERFORM pg_sleep(0.05);
                    END LOOP;
                    RETURN NEW;
                END $$""".formatted(distributor));
        jdbc.execute("CREATE TRIGGER hold_rebate BEFORE INSERT ON rebate FOR EACH ROW EXECUTE FUNCTION hold_rebate()");
    }

    private void openGate() {
        jdbc.execute("INSERT INTO kill_gate VALUES (true)");
    }

    /** Opens the gate first: a held insert would otherwise keep the lock that dropping the trigger needs. */
    private void releaseHold() {
        jdbc.execute("INSERT INTO kill_gate VALUES (true)");
        jdbc.execute("DROP TRIGGER IF EXISTS hold_rebate ON rebate");
        jdbc.execute("DROP FUNCTION IF EXISTS hold_rebate()");
        jdbc.execute("DROP TABLE IF EXISTS kill_gate");
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

    @Test
    void verifyFailsOnLinesWhoseEntryDoesNotExist() {
        assertThat(cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02").exitCode()).isZero();

        // triggers off, as a restore with --disable-triggers would run: two lines that balance, of no entry
        jdbc.execute("SET session_replication_role = replica");
        try {
            jdbc.update("""
                    INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency,
                                             debit, credit)
                    SELECT max(id) + 1000, n, '2390', 'D1', DATE '2026-04-01', 'EUR', 5 * (2 - n), 5 * (n - 1)
                      FROM ledger_entry, generate_series(1, 2) n GROUP BY n""");
        } finally {
            jdbc.execute("SET session_replication_role = DEFAULT");
        }
        CommandLineRun verify = cli("verify");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(verify.out()).contains("FAILED every line belongs to an entry")
                .doesNotContain("FAILED every entry balances");
    }

    @Test
    void jobsShowNamesTheWorkerThatRanEveryPartition() {
        CommandLineRun closed = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertThat(closed.exitCode()).as(closed.err()).isEqualTo(ExitCode.DONE);
        Matcher completed = Pattern.compile("close completed \\(execution (\\d+)\\)").matcher(closed.out());
        assertThat(completed.find()).as(closed.out()).isTrue();

        CommandLineRun show = cli("jobs", "show", completed.group(1));

        assertThat(show.exitCode()).as(show.err()).isZero();
        List<String> steps = show.out().lines().filter(line -> line.contains("Worker:partition")).toList();
        assertThat(steps).as(show.out()).hasSize(jdbc.queryForObject("SELECT count(*) FROM batch_step_execution"
                + " WHERE job_execution_id = ? AND step_name LIKE '%:partition%'", Integer.class,
                Long.parseLong(completed.group(1))));
        assertThat(steps).isNotEmpty().allSatisfy(line -> assertThat(line.split("\\s+"))
                .as(line).contains(WorkerIdentity.current()));
        assertThat(show.out().lines().filter(line -> line.contains("calculateRebates ")))
                .singleElement().asString().doesNotContain(WorkerIdentity.current());
    }

    private void slowDownRebates() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION slow_rebates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER slow_rebates BEFORE INSERT ON rebate FOR EACH ROW EXECUTE FUNCTION slow_rebates()");
    }

    private static org.springframework.batch.core.job.parameters.JobParameters closeParameters() {
        return new JobParametersBuilder().addString(CloseJobParameters.PERIOD, "2026-Q1").addLong(CloseJobParameters.SEQUENCE, 0L).toJobParameters();
    }

    /** Each step of an execution with its status and counts. */
    private java.util.Map<String, String> steps(long executionId) {
        java.util.Map<String, String> steps = new java.util.TreeMap<>();
        jdbc.query("SELECT step_name, status, read_count, write_count FROM batch_step_execution"
                + " WHERE job_execution_id = ?", rs -> {
            steps.put(rs.getString(1), rs.getString(2) + " read " + rs.getLong(3) + " written " + rs.getLong(4));
        }, executionId);
        return steps;
    }

    /** Every rebate of the books, without the close run that made it. */
    private List<String> rebates() {
        return jdbc.queryForList("SELECT concat_ws(' ', distributor_code, currency, turnover, base, attainment,"
                + " growth, promo, uncapped, cap_amount, cap_applied, total) FROM rebate ORDER BY 1", String.class);
    }

    /** The command line in a process of its own, which the test may kill. */
    private static Process child(String... args) throws Exception {
        return child(1, args);
    }

    private static Process child(int gridSize, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dspring.datasource.url=" + System.getProperty("spring.datasource.url"),
                "-Dspring.datasource.username=" + System.getProperty("spring.datasource.username", "postgres"),
                "-Dspring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
                "-Dperiod-close.close-chunk-size=1", "-Dperiod-close.rebate-chunk-size=1",
                "-Dperiod-close.grid-size=" + gridSize,
                PeriodCloseCli.class.getName(), "--programs", "src/test/resources/programs"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
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
