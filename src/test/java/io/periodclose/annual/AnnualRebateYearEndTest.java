package io.periodclose.annual;

import io.periodclose.RefusedException;
import io.periodclose.cli.ExitCode;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.ledger.Ledger;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import io.periodclose.support.InjectedFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.balance;
import static io.periodclose.support.LedgerAssertions.entries;
import static io.periodclose.support.LedgerAssertions.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §8.2 end to end on PostgreSQL: the year-end job of 2030 pays the annual rebate (programme
 * src/test/resources/programs/2030.yml: 100 % of the annual target → 1 %, 110 % → 2 % of the year's turnover; only
 * GOLD earns a quarterly bonus, 1 %) before the expiry, figures computed by hand.
 */
@DatabaseTest
public class AnnualRebateYearEndTest {

    static final String EXPECTED_CSV = """
            distributor_code,currency,turnover,target,total
            D1,EUR,110000.00,100000.00,2200.00
            D2,EUR,109999.99,100000.00,1100.00
            D3,EUR,20000.00,20000.00,200.00
            D4,EUR,50000.00,,0.00
            D5,EUR,-200.00,1000.00,0.00
            D6,JPY,100050,100000,1001
            """;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    JobRuns jobRuns;
    @Autowired
    Ledger ledger;

    @BeforeEach
    void books() {
        books2030(jdbc, closes);
    }

    /**
     * The year 2030 with every quarter closed:
     * <ul>
     *   <li>D1 GOLD: targets 25,000.00 a quarter (100,000.00); 50,000.00 in Q1 and 60,000.00 in Q3: TY 110,000.00 is
     *   110 % exactly → 2 % = 2,200.00. Quarterly bonuses 500.00 (1 April) and 600.00 (1 October) expire.</li>
     *   <li>D2: the same targets, 109,999.99 → 109.99999 % stays on the 100 rung: 1,099.9999 → 1,100.00; 0.01 more
     *   would have reached 110 %.</li>
     *   <li>D3: targets in Q1 and Q2 only (Q3, Q4 count 0): 20,000.00; TY 20,000.00 → 100 % → 200.00.</li>
     *   <li>D4: no target in any quarter: 0, target empty. D5: TY 300.00 − 500.00 = −200.00: 0.</li>
     *   <li>D6 JPY: 100,050 of 100,000 → 1 % = 1,000.50 → 1,001 (HALF_UP, no minor digits).</li>
     * </ul>
     * D1's invoice of 5 January 2031 is not part of 2030.
     */
    public static void books2030(JdbcTemplate jdbc, CloseService closes) {
        Books.wipe(jdbc);
        Fixtures books = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "BRONZE", "EUR")
                .distributor("D3", "BRONZE", "EUR")
                .distributor("D4", "BRONZE", "EUR")
                .distributor("D5", "BRONZE", "EUR")
                .distributor("D6", "BRONZE", "JPY")
                .invoice("D1", "2030-02-10", "LAPTOPS", "50000.00", "EUR")
                .invoice("D1", "2030-08-10", "LAPTOPS", "60000.00", "EUR")
                .invoice("D1", "2031-01-05", "LAPTOPS", "5000.00", "EUR")
                .invoice("D2", "2030-05-10", "LAPTOPS", "109999.99", "EUR")
                .invoice("D3", "2030-11-10", "LAPTOPS", "20000.00", "EUR")
                .invoice("D4", "2030-03-10", "LAPTOPS", "50000.00", "EUR")
                .invoice("D5", "2030-01-10", "LAPTOPS", "300.00", "EUR")
                .creditNote("D5", "2030-04-10", "LAPTOPS", "500.00", "EUR")
                .invoice("D6", "2030-01-20", "LAPTOPS", "100050", "JPY")
                .target("D3", "2030-Q1", "10000.00")
                .target("D3", "2030-Q2", "10000.00")
                .target("D5", "2030-Q1", "1000.00")
                .target("D6", "2030-Q1", "100000");
        for (int q = 1; q <= 4; q++) {
            books.target("D1", "2030-Q" + q, "25000.00").target("D2", "2030-Q" + q, "25000.00");
        }
        for (String[] close : new String[][]{{"2030-Q1", "2030-04-02"}, {"2030-Q2", "2030-07-02"},
                {"2030-Q3", "2030-10-02"}, {"2030-Q4", "2031-01-02"}}) {
            completed(closes.close(Quarter.parse(close[0]), LocalDate.parse(close[1]), false));
        }
    }

    @Test
    void theYearEndPaysTheAnnualRebateOn1JanuaryAndTheExpiryLeavesItAlone() {
        completed(expiries.expire(2030));

        assertThat(csv(2030)).isEqualTo(EXPECTED_CSV);
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'ANNUAL' ORDER BY 1",
                String.class)).containsExactly("ANNUAL:D1:2030", "ANNUAL:D2:2030", "ANNUAL:D3:2030", "ANNUAL:D6:2030");
        assertThat(entry(jdbc, "ANNUAL:D1:2030")).containsEntry("effective_date", "2031-01-01")
                .containsEntry("amount", new BigDecimal("2200.0000")).containsEntry("currency", "EUR");
        assertThat(entry(jdbc, "ANNUAL:D6:2030")).containsEntry("amount", new BigDecimal("1001.0000"))
                .containsEntry("currency", "JPY");
        assertThat(jdbc.queryForList("""
                SELECT l.account || ' ' || coalesce(l.distributor_code, '-') || ' ' || l.debit || ' ' || l.credit
                  FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                 WHERE e.idempotency_key = 'ANNUAL:D1:2030' ORDER BY l.line_no""", String.class))
                .as("Dr rebate expense / Cr bonus fund of D1")
                .containsExactly("6310 - 2200.0000 0.0000", "2390 D1 0.0000 2200.0000");

        // D1's quarterly bonuses of 2030 (500.00 + 600.00) expire at 31 December; the annual rebate does not
        assertThat(entry(jdbc, "EXPIRY:D1:2030").get("amount")).isEqualTo(new BigDecimal("1100.0000"));
        assertThat(balance(jdbc, "D1", "2030-12-31")).isEqualByComparingTo("0");
        assertThat(balance(jdbc, "D1", "2031-01-01")).isEqualByComparingTo("2200.00");
        assertThat(balance(jdbc, "D2", "2031-01-01")).isEqualByComparingTo("1100.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE idempotency_key = 'EXPIRY:D2:2030'",
                Integer.class)).as("D2 had nothing to expire").isZero();

        // the explanation: D2 a hair below 110 %, D3's target from two quarters, D4 none at all
        assertThat(jdbc.queryForMap("""
                SELECT attainment::text AS attainment, rung_from::text AS rung, rate::text AS rate,
                       explanation->>'nextRungFrom' AS next, explanation->>'turnoverNeeded' AS needed
                  FROM annual_rebate WHERE year = 2030 AND distributor_code = 'D2'"""))
                .isEqualTo(Map.of("attainment", "109.99", "rung", "100", "rate", "1.0", "next", "110",
                        "needed", "0.01"));
        assertThat(jdbc.queryForObject("SELECT explanation->>'turnoverNeeded' FROM annual_rebate"
                + " WHERE year = 2030 AND distributor_code = 'D3'", String.class)).isEqualTo("2000.00");
        assertThat(jdbc.queryForObject("SELECT explanation->>'explanation' FROM annual_rebate"
                + " WHERE year = 2030 AND distributor_code = 'D4'", String.class)).isEqualTo("no target in 2030");
        assertLedgerSound(jdbc);
    }

    @Test
    void aRestartRedoesOnlyTheFailedPartitionAndNothingIsPostedTwice() {
        // grid size 2: partition0 is D1–D3, partition1 D4–D6, whose chunk fails
        JobExecution failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "annual_rebate", "NEW.distributor_code = 'D6'")) {
            failed = expiries.expire(2030);
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList("SELECT distributor_code FROM annual_rebate ORDER BY 1", String.class))
                .containsExactly("D1", "D2", "D3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type IN ('ANNUAL', 'EXPIRY')",
                Integer.class)).isZero();

        // the restart calculates D4–D6, posts the annual rebates, and fails in the expiry
        JobExecution second;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "ledger_entry", "NEW.entry_type = 'EXPIRY'")) {
            second = jobRuns.restart(failed.getId());
        }
        assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList("SELECT distributor_code || ' ' || job_execution_id FROM annual_rebate ORDER BY 1",
                String.class)).as("the completed partition was not redone")
                .containsExactly("D1 " + failed.getId(), "D2 " + failed.getId(), "D3 " + failed.getId(),
                        "D4 " + second.getId(), "D5 " + second.getId(), "D6 " + second.getId());
        List<String> annualPosted = entries(jdbc);
        assertThat(annualPosted).filteredOn(e -> e.startsWith("ANNUAL:")).hasSize(4);

        completed(jobRuns.restart(second.getId()));

        assertThat(entries(jdbc)).filteredOn(e -> e.startsWith("ANNUAL:"))
                .isEqualTo(annualPosted.stream().filter(e -> e.startsWith("ANNUAL:")).toList());
        assertThat(csv(2030)).isEqualTo(EXPECTED_CSV);
        assertThat(balance(jdbc, "D1", "2031-01-01")).isEqualByComparingTo("2200.00");

        // the posting step's writer run again over the same totals posts nothing more
        List<String> after = entries(jdbc);
        new AnnualRebatePoster(ledger, 2030, 99L).write(Chunk.of(
                new AnnualTotal("D1", "EUR", new BigDecimal("2200.0000")),
                new AnnualTotal("D6", "JPY", new BigDecimal("1001.0000"))));
        assertThat(entries(jdbc)).isEqualTo(after);
        assertLedgerSound(jdbc);
    }

    @Test
    void theYearEndIsRefusedWhenTheFirstQuarterOfTheNextYearIsClosed() {
        Books.markClosed(jdbc, "2031-Q1");

        assertThatThrownBy(() -> expiries.expire(2030)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the annual rebate of 2030 is credited on 2031-01-01, inside 2031-Q1, which is"
                        + " already closed");
        CommandLineRun cli = cli("expire", "--year", "2030");
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("2031-Q1, which is already closed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM annual_rebate", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type IN ('ANNUAL', 'EXPIRY')",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM year_lock", Integer.class)).isZero();
    }

    @Test
    void aRestartIsRefusedWhenTheFirstQuarterOfTheNextYearWasClosedMeanwhile() {
        JobExecution failed;
        try (InjectedFailure ignored = InjectedFailure.on(jdbc, "annual_rebate", "NEW.distributor_code = 'D6'")) {
            failed = expiries.expire(2030);
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        Books.markClosed(jdbc, "2031-Q1");

        assertThatThrownBy(() -> jobRuns.restart(failed.getId())).isInstanceOf(RefusedException.class)
                .hasMessageContaining("the annual rebate of 2030 is credited on 2031-01-01, inside 2031-Q1, which has"
                        + " been closed since");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type IN ('ANNUAL', 'EXPIRY')",
                Integer.class)).isZero();
    }

    @Test
    void theAnnualReportIsRefusedUntilTheYearEndHasRunThenPrintsEveryDistributor() {
        CommandLineRun before = cli("annual", "--year", "2030");
        assertThat(before.exitCode()).as(before.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(before.err()).contains("the year-end job of 2030 has not run yet", "expire --year 2030");
        assertThat(before.out()).isEmpty();

        completed(expiries.expire(2030));
        CommandLineRun after = cli("annual", "--year", "2030");

        assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCode.DONE);
        assertThat(after.out()).isEqualTo(EXPECTED_CSV);
    }

    private String csv(int year) {
        CommandLineRun run = cli("annual", "--year", Integer.toString(year));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        return run.out();
    }

    private static CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }

    static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
