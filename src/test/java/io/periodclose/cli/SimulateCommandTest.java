package io.periodclose.cli;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.simulation.SimulationFixtures;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} as finance runs it: the CSV on stdout, totals and rung counts on stderr, the exit codes. */
@DatabaseTest
class SimulateCommandTest {

    private static final Path DRAFTS = Path.of("target/test-out/simulate-command");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void closedQuarter() {
        Books.wipe(jdbc);
        Fixtures books = SimulationFixtures.books(jdbc);
        close("2026-Q1", "2026-04-05");
        SimulationFixtures.quarterOf2027(books);
        close("2027-Q1", "2027-04-05");
    }

    @Test
    void printsTheComparisonAndChangesNothing() {
        Map<String, String> before = SimulationFixtures.fingerprint(jdbc);

        CommandLineRun run = cli("simulate", "--period", "2027-Q1", "--programs",
                SimulationFixtures.draftWithGoldAt2(DRAFTS.resolve("gold")).toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).isEqualTo("""
                distributor_code,currency,turnover,current_total,simulated_total,difference
                A1,EUR,12000.00,325.00,385.00,60.00
                A2,EUR,12000.00,270.00,330.00,60.00
                A3,EUR,15000.00,525.00,600.00,75.00
                A4,EUR,11000.00,220.00,275.00,55.00
                A5,EUR,10999.00,164.99,219.98,54.99
                B1,EUR,2000.00,60.00,60.00,0.00
                C1,EUR,20000.00,1000.00,1000.00,0.00
                """);
        assertThat(run.err()).contains("draft MB-2027-DRAFT", "compared with the close of 2027-Q1")
                .containsPattern("EUR +2564\\.99 +2869\\.98 +304\\.99")
                .containsPattern("distributors per attainment rung:\\R.*\\R +none +6 +6\\R +80% +1 +1\\R +100% +0 +0")
                .containsPattern("distributors per growth rung:\\R.*\\R +none +1 +1\\R +10% +3 +3\\R +25% +3 +3");
        assertThat(SimulationFixtures.fingerprint(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT channel || ' ' || action || ' ' || outcome FROM audit_event",
                String.class)).containsExactly("CLI SIMULATE DONE");
        assertThat(cli("jobs", "list", "--format", "csv").out()).contains(",simulate,2027-Q1,COMPLETED,");
    }

    @Test
    void aBadDraftExitsWithTwoNamingFileAndKey() {
        Path dir = SimulationFixtures.draft(DRAFTS.resolve("bad"), "cap: 5.0", "cap: 150");

        CommandLineRun run = cli("simulate", "--period", "2027-Q1", "--programs", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(dir.resolve("2027.yml") + ": cap: is 150; must be a percentage from 0 to 100");
        assertThat(cli("simulate", "--period", "2027-Q5", "--programs", dir.toString()).exitCode())
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli("simulate", "--period", "2027-Q1").exitCode()).as("--programs is required")
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation", Long.class)).isZero();
    }

    private void close(String period, String asOf) {
        JobExecution execution = closes.close(Quarter.parse(period), LocalDate.parse(asOf), false);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private static CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }
}
