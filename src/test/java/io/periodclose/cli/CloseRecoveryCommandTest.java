package io.periodclose.cli;

import io.periodclose.expiry.ExpiryService;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import io.periodclose.support.InjectedFailure;
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

/**
 * A close whose statements could not be written, taken up again by a plain {@code close}; and a quarter of a locked
 * year, which no re-close may touch.
 */
@DatabaseTest
class CloseRecoveryCommandTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;

    @TempDir
    Path out;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
    }

    @Test
    void aCloseWhoseStatementsFailedNamesTheWriteErrorAndAPlainCloseFinishesIt() throws Exception {
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "JPY")
                .distributor("D3", "BRONZE", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-01-20", "MONITORS", "100001", "JPY")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR");
        // a regular file where the statements folder goes: not writable, even for root
        Path statements = out.resolve("statements");
        Files.writeString(statements, "not a folder");

        CommandLineRun failed = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(ExitCode.JOB_FAILED);
        String summary = failed.err().lines().filter(line -> line.startsWith("close FAILED")).findFirst().orElseThrow();
        assertThat(summary).as("the summary names the write error")
                .contains("cannot write " + statements.resolve("2026-Q1"))
                .contains("Not a directory")
                .doesNotContain("Partition handler");
        List<String> ledger = entries(jdbc);
        assertThat(ledger).as("the ledger steps completed before the statements").hasSize(3);

        Files.delete(statements);
        CommandLineRun resumed = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-20");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCode.DONE);
        assertThat(resumed.out()).contains("close completed");
        assertThat(statements.resolve("2026-Q1")).isDirectoryContaining("glob:**/D1.pdf")
                .isDirectoryContaining("glob:**/D2.pdf").isDirectoryContaining("glob:**/D3.pdf")
                .isDirectoryContaining("glob:**/manifest.csv");
        assertThat(entries(jdbc)).as("the ledger is unchanged").isEqualTo(ledger);
        assertThat(jdbc.queryForList("SELECT concat_ws(' ', sequence, business_date) FROM close_run", String.class))
                .as("the same close, with its business date, was restarted").containsExactly("0 2026-04-02");
        assertThat(jdbc.queryForList("""
                SELECT e.status FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
                 WHERE i.job_name = 'close' ORDER BY e.job_execution_id""", String.class))
                .as("one job instance, restarted").containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = '2026-Q1' AND file IS NOT NULL",
                Long.class)).isEqualTo(3);
        assertLedgerSound(jdbc);

        CommandLineRun again = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-21");
        assertThat(again.exitCode()).as("once finished, the close is done").isEqualTo(ExitCode.REFUSED);
        assertThat(again.err()).contains("already closed");
    }

    @Test
    void aQuarterOfALockedYearCannotBeReclosed() {
        Fixtures fixtures = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .invoice("D1", "2025-05-10", "LAPTOPS", "10000.00", "EUR");
        assertThat(closes.close(Quarter.parse("2025-Q2"), LocalDate.parse("2025-07-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(closes.close(Quarter.parse("2025-Q3"), LocalDate.parse("2025-10-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(closes.close(Quarter.parse("2025-Q4"), LocalDate.parse("2026-01-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(expiries.expire(2025).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // a late invoice of 2025-Q2, which a re-close would credit into 2026's fund
        fixtures.invoice("D1", "2025-06-20", "LAPTOPS", "5000.00", "EUR");
        List<String> ledger = entries(jdbc);

        CommandLineRun reclose = cli("close", "--period", "2025-Q2", "--reclose", "--as-of", "2026-02-01");

        assertThat(reclose.exitCode()).as(reclose.out() + reclose.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(reclose.err()).contains("2025-Q2 cannot be re-closed: the year 2025 is locked");
        CommandLineRun close = cli("close", "--period", "2025-Q2", "--as-of", "2026-02-01");
        assertThat(close.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(close.err()).contains("2025-Q2 cannot be closed: the year 2025 is locked");
        assertThat(entries(jdbc)).isEqualTo(ledger);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run WHERE period = '2025-Q2'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aReCloseThatFailedBeforeItsYearWasLockedCannotBeRestartedAfter() {
        Fixtures fixtures = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .invoice("D1", "2025-05-10", "LAPTOPS", "10000.00", "EUR");
        for (String[] close : new String[][]{{"2025-Q2", "2025-07-02"}, {"2025-Q3", "2025-10-02"},
                {"2025-Q4", "2026-01-02"}}) {
            assertThat(closes.close(Quarter.parse(close[0]), LocalDate.parse(close[1]), false).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
        fixtures.invoice("D1", "2025-06-20", "LAPTOPS", "5000.00", "EUR");
        JobExecution failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "rebate", "NEW.distributor_code = 'D1'")) {
            failed = closes.close(Quarter.parse("2025-Q2"), LocalDate.parse("2026-01-05"), true);
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(expiries.expire(2025).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> ledger = entries(jdbc);

        CommandLineRun restart = cli("jobs", "restart", Long.toString(failed.getId()));

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(restart.err()).contains("2025-Q2 cannot be re-closed: the year 2025 is locked");
        assertThat(entries(jdbc)).isEqualTo(ledger);
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
