package io.periodclose.cli;

import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.Quarter;
import io.periodclose.reporting.CsvReports;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only commands on their light application: the same output as before, from a context without jobs,
 * web tier or Flyway, and still a migrated schema when the database is behind this build.
 */
@DatabaseTest
class ReportCommandsTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    Environment environment;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "JPY")
                .claim("C-1", "D1", "2026-02-10", "CLAIM", "120.00", "EUR");
        transactions.executeWithoutResult(status -> ledger.post(List.of(
                Posting.accrual(ledger.accounts(), "D1", "EUR", Quarter.parse("2026-Q1"), new BigDecimal("250.50")),
                Posting.accrual(ledger.accounts(), "D2", "JPY", Quarter.parse("2026-Q1"), new BigDecimal("1000"))), null));
    }

    @Test
    void everyReportCommandAnswersFromTheLightApplication() {
        CommandLineRun balances = cli("balances", "--as-of", "2026-12-31");
        assertThat(balances.exitCode()).as(balances.err()).isZero();
        assertThat(balances.out()).isEqualTo("distributor_code,currency,balance\nD1,EUR,250.50\nD2,JPY,1000\n");
        assertThat(cli("balances", "--as-of", "2026-03-31").out())
                .isEqualTo("distributor_code,currency,balance\nD1,EUR,0.00\nD2,JPY,0\n");

        CommandLineRun claims = cli("claims", "--period", "2026-Q1");
        assertThat(claims.exitCode()).as(claims.err()).isZero();
        assertThat(claims.out()).startsWith("claim_id,distributor_code,amount,covered,distributor_pays,status\n")
                .contains("C-1,D1,120.00,").contains("PENDING");

        CommandLineRun rebates = cli("rebates", "--period", "2026-Q1");
        assertThat(rebates.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(rebates.err()).contains("has not been closed yet");

        JobExecution execution = failedCloseExecution();
        CommandLineRun list = cli("jobs", "list", "--format", "csv");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("\n" + execution.getId() + ",close,2026-Q1,FAILED,");
        CommandLineRun show = cli("jobs", "show", Long.toString(execution.getId()));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("execution " + execution.getId() + "  close  FAILED")
                .contains("calculateRebates").contains("period=2026-Q1")
                .contains("jobs restart " + execution.getId());
        assertThat(show.out().lines().filter(line -> line.contains("calculateRebatesWorker:partition0")))
                .as("a partition of an execution older than the record of its worker").singleElement()
                .satisfies(line -> assertThat(line.split("\\s+")).contains("-"));
        assertThat(cli("jobs", "show", "424242").exitCode()).isEqualTo(ExitCode.BAD_INPUT);

        CommandLineRun verify = cli("verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).doesNotContain("FAILED");
    }

    @Test
    void eachReportsHelpNamesTheColumnsTheReportPrints() {
        CommandLineRun rebatesHelp = cli("rebates", "--help");
        assertThat(rebatesHelp.exitCode()).isZero();
        assertThat(unwrapped(rebatesHelp)).contains("distributor_code,currency,turnover,target,base,attainment,growth,"
                + "promo,early_payment,top_performer,uncapped,total:");
        assertThat(unwrapped(cli("balances", "--help"))).contains("distributor_code,currency,balance:");
        assertThat(unwrapped(cli("claims", "--help")))
                .contains("claim_id,distributor_code,amount,covered,distributor_pays,status:");
        assertThat(unwrapped(cli("annual", "--help"))).contains("distributor_code,currency,turnover,target,total:");
    }

    /** The help as one line: picocli wraps a long header after a comma. */
    private static String unwrapped(CommandLineRun help) {
        return help.out().replace("\n", "");
    }

    @Test
    void theLightApplicationHasNoJobsNoFlywayAndNoWebTier() {
        try (Engine engine = Engine.startReports(new GlobalOptions(Path.of("target/test-home"),
                Path.of("src/test/resources/programs"), Path.of("target/test-out")))) {
            var context = engine.context();
            assertThat(context.getBeansOfType(Job.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.flywaydb.core.Flyway.class)).isEmpty();
            assertThat(context.containsBean("closeJob")).isFalse();
            assertThat(context.getBeanDefinitionCount()).isLessThan(120);
            assertThat(context.getBean(CsvReports.class)).isNotNull();
            assertThat(context.getBean(JobRepository.class)).isNotNull();
        }
    }

    @Test
    void theSchemaIsCurrentOnlyWhenEveryPackagedMigrationWasAppliedUnchanged() throws Exception {
        assertThat(SchemaCheck.isCurrent(jdbc, environment)).isTrue();
        String lastVersion = jdbc.queryForObject("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                + " ORDER BY installed_rank DESC LIMIT 1", String.class);
        assertThat(currentAfter("DELETE FROM flyway_schema_history WHERE version = '" + lastVersion + "'")).isFalse();
        assertThat(currentAfter("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'")).isFalse();
        assertThat(currentAfter("UPDATE flyway_schema_history SET success = false WHERE version = '" + lastVersion + "'"))
                .isFalse();
        assertThat(currentAfter("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (999, '999', 'newer', 'SQL', 'V999__newer.sql',"
                + " 1, 'x', 0, true)")).isFalse();
        assertThat(currentAfter("SELECT 1")).isTrue();
    }

    @Test
    void aReportCommandOnADatabaseBehindThisBuildMigratesItFirst() throws Exception {
        String url = System.getProperty("spring.datasource.url");
        String user = System.getProperty("spring.datasource.username", "postgres");
        String password = System.getProperty("spring.datasource.password", "");
        String scratch = url.replaceFirst("/[^/?]+(\\?.*)?$", "/fastcli_scratch$1");
        jdbc.execute("DROP DATABASE IF EXISTS fastcli_scratch");
        jdbc.execute("CREATE DATABASE fastcli_scratch");
        try {
            System.setProperty("spring.datasource.url", scratch);
            CommandLineRun list = cli("jobs", "list", "--format", "csv");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).isEqualTo("execution_id,job,period,status,started,ended,exit_code\n");
        } finally {
            System.setProperty("spring.datasource.url", url);
        }
        JdbcTemplate migrated = new JdbcTemplate(new DriverManagerDataSource(scratch, user, password));
        try {
            assertThat(SchemaCheck.isCurrent(migrated, environment)).isTrue();
            assertThat(migrated.queryForObject("SELECT count(*) FROM distributor", Integer.class)).isZero();
        } finally {
            jdbc.execute("DROP DATABASE IF EXISTS fastcli_scratch WITH (FORCE)");
        }
    }

    /** Whether the schema counts as current after {@code sql}, which is rolled back. */
    private boolean currentAfter(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(System.getProperty("spring.datasource.url"),
                System.getProperty("spring.datasource.username", "postgres"),
                System.getProperty("spring.datasource.password", ""))) {
            connection.setAutoCommit(false);
            try {
                connection.createStatement().execute(sql);
                return SchemaCheck.isCurrent(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), environment);
            } finally {
                connection.rollback();
            }
        }
    }

    private JobExecution failedCloseExecution() {
        var parameters = new JobParametersBuilder().addString(CloseJobParameters.PERIOD, "2026-Q1").addLong(CloseJobParameters.SEQUENCE, 0L)
                .toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("close", parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(java.time.LocalDateTime.now().minusMinutes(1));
        execution.setStatus(BatchStatus.STARTED);
        jobRepository.update(execution);
        StepExecution step = jobRepository.createStepExecution("calculateRebates", execution);
        step.setStatus(BatchStatus.FAILED);
        step.setEndTime(java.time.LocalDateTime.now());
        jobRepository.update(step);
        StepExecution partition = jobRepository.createStepExecution("calculateRebatesWorker:partition0", execution);
        partition.setStatus(BatchStatus.FAILED);
        partition.setEndTime(java.time.LocalDateTime.now());
        jobRepository.update(partition);
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(java.time.LocalDateTime.now());
        jobRepository.update(execution);
        return execution;
    }

    private static CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }
}
