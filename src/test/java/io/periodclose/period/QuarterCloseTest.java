package io.periodclose.period;

import io.periodclose.RefusedException;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.reporting.CsvReports;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.balance;
import static io.periodclose.support.LedgerAssertions.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §4 and §5 end to end on PostgreSQL, with figures computed by hand (programme: src/test/resources/programs,
 * the SPEC's example: tiers 0.5/1/1.5/2 %, attainment 80→2 %, 100→5 %, growth 10→0.5 %, 25→1 %, PRINTERS promo
 * 1 % from 1 March to 31 May, cap 5 %, claims 50 % except CATALOGUES and TRADE_SHOWS 100 %).
 */
@DatabaseTest
class QuarterCloseTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    CsvReports reports;

    Fixtures books;

    @BeforeEach
    void lastYearClosedAndExpired() {
        Books.wipe(jdbc);
        books = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "JPY")
                .distributor("D3", "BRONZE", "EUR")
                .distributor("D4", "PLATINUM", "EUR")
                .distributor("D5", "GOLD", "EUR")
                .distributor("D6", "BRONZE", "EUR")
                .invoice("D1", "2025-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D3", "2025-02-11", "LAPTOPS", "10000.00", "EUR");
        close("2025-Q1", "2025-04-02");
        close("2025-Q4", "2026-01-02");
        completed(expiries.expire(2025));
        // 2025-Q1: D1 GOLD 1.5 % of 10,000.00 = 150.00; D3 BRONZE 0.5 % = 50.00; both expired at 31 December
        assertThat(entry(jdbc, "ACCRUAL:D1:2025-Q1")).containsEntry("effective_date", "2025-04-01");
        assertThat(entry(jdbc, "EXPIRY:D1:2025").get("amount")).isEqualTo(new BigDecimal("150.0000"));
        assertThat(entry(jdbc, "EXPIRY:D3:2025").get("amount")).isEqualTo(new BigDecimal("50.0000"));

        books.invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D1", "2026-02-28", "PRINTERS", "500.00", "EUR")     // before the promo window
                .invoice("D1", "2026-03-15", "PRINTERS", "2000.00", "EUR")
                .creditNote("D1", "2026-03-20", "PRINTERS", "1000.00", "EUR")
                .target("D1", "2026-Q1", "11500.00")
                .invoice("D2", "2026-01-20", "MONITORS", "100001", "JPY")
                .target("D2", "2026-Q1", "125000")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR")
                .target("D3", "2026-Q1", "10000.00")
                .creditNote("D4", "2026-01-15", "LAPTOPS", "500.00", "EUR")
                .invoice("D6", "2026-01-10", "LAPTOPS", "101.00", "EUR")
                .invoice("D1", "2026-04-10", "PRINTERS", "1000.00", "EUR");
    }

    @Test
    void calculatesEveryComponentToTheCentAndAccruesOnTheFirstDayAfterTheQuarter() {
        close("2026-Q1", "2026-04-05");

        assertThat(csv(out -> reports.rebates(Quarter.parse("2026-Q1"), out))).isEqualTo("""
                distributor_code,currency,turnover,target,base,attainment,growth,promo,early_payment,top_performer,uncapped,total
                D1,EUR,11500.00,11500.00,172.50,575.00,57.50,10.00,0.00,0.00,815.00,575.00
                D2,JPY,100001,125000,1000,2000,0,0,0,0,3000,3000
                D3,EUR,7999.99,10000.00,40.00,0.00,0.00,0.00,0.00,0.00,40.00,40.00
                D4,EUR,-500.00,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00
                D5,EUR,0.00,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00
                D6,EUR,101.00,,0.51,0.00,0.00,0.00,0.00,0.00,0.51,0.51
                """);
        // D1: attainment exactly 100 % (5 %), growth exactly 15 % (0.5 %), promo only March's PRINTERS net 1,000.00,
        // uncapped 815.00 capped at 5 % of 11,500.00; D2: 80.0008 % reaches 2 %, 2,000.02 rounds to 2,000 JPY;
        // D3: 79.9999 % misses the rung by a hair; D6: 0.505 rounds HALF_UP to 0.51.
        assertThat(entry(jdbc, "ACCRUAL:D1:2026-Q1")).containsEntry("effective_date", "2026-04-01")
                .containsEntry("amount", new BigDecimal("575.0000")).containsEntry("currency", "EUR");
        assertThat(entry(jdbc, "ACCRUAL:D2:2026-Q1")).containsEntry("amount", new BigDecimal("3000.0000"));
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE period = '2026-Q1' ORDER BY 1",
                String.class)).containsExactly("ACCRUAL:D1:2026-Q1", "ACCRUAL:D2:2026-Q1", "ACCRUAL:D3:2026-Q1",
                "ACCRUAL:D6:2026-Q1");
        assertThat(balance(jdbc, "D1", "2026-03-31")).isEqualByComparingTo("0");
        assertThat(balance(jdbc, "D1", "2026-04-01")).isEqualByComparingTo("575.00");
        assertThat(jdbc.queryForObject("SELECT explanation->'components'->1->>'rungFrom' FROM rebate r"
                + " JOIN close_run c ON c.id = r.close_run_id WHERE c.period = '2026-Q1' AND r.distributor_code = 'D1'",
                String.class)).isEqualTo("100");
        assertLedgerSound(jdbc);
    }

    @Test
    void appliesClaimsInDateAndIdOrderAgainstTheBalanceAtEachClaimDate() {
        close("2026-Q1", "2026-04-05");
        books.claim("C2", "D1", "2026-04-15", "BOOKLETS", "400.00", "EUR")
                .claim("C1", "D1", "2026-04-01", "CATALOGUES", "300.00", "EUR")
                .claim("C4", "D1", "2026-05-01", "SAMPLES", "10.00", "EUR")
                .claim("C3", "D1", "2026-05-01", "ADVERTISING", "200.00", "EUR")
                .claim("C5", "D3", "2026-06-30", "TRADE_SHOWS", "100.00", "EUR")
                .claim("C6", "D2", "2026-05-20", "BOOKLETS", "1001", "JPY");

        close("2026-Q2", "2026-07-03");

        // D1 starts Q2 with its Q1 accrual of 575.00, credited on the claim date of C1 (1 April)
        assertThat(csv(out -> reports.claims(Quarter.parse("2026-Q2"), out))).isEqualTo("""
                claim_id,distributor_code,amount,covered,distributor_pays,status
                C1,D1,300.00,300.00,0.00,COVERED
                C2,D1,400.00,200.00,200.00,COVERED
                C3,D1,200.00,75.00,125.00,PARTIAL
                C4,D1,10.00,0.00,10.00,UNCOVERED
                C5,D3,100.00,40.00,60.00,PARTIAL
                C6,D2,1001,501,500,COVERED
                """);
        assertThat(entry(jdbc, "SPEND:C3")).containsEntry("effective_date", "2026-05-01")
                .containsEntry("amount", new BigDecimal("75.0000"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE idempotency_key = 'SPEND:C4'",
                Long.class)).isZero();
        assertThat(csv(out -> reports.balances(LocalDate.parse("2026-06-30"), out))).isEqualTo("""
                distributor_code,currency,balance
                D1,EUR,0.00
                D2,JPY,2499
                D3,EUR,0.00
                D4,EUR,0.00
                D5,EUR,0.00
                D6,EUR,0.51
                """);
        assertThat(balance(jdbc, "D1", "2026-07-01")).isEqualByComparingTo("25.00"); // Q2: 15.00 base + 10.00 promo
        assertLedgerSound(jdbc);
    }

    @Test
    void aRecloseRecalculatesAndPostsOnlyTheDifferencesUpAndDown() {
        close("2026-Q1", "2026-04-05");
        close("2026-Q2", "2026-07-03");
        books.invoice("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR"); // a late line: D3 now reaches 80 % exactly

        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-06-30"), true))
                .isInstanceOf(RefusedException.class).hasMessageContaining("later than the end of the last closed"
                        + " quarter 2026-Q2");
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-05"), true));

        // 8,000.00 × 2 % = 160.00 more than the 40.00 accrued
        assertThat(entry(jdbc, "ADJUSTMENT:D3:2026-Q1:1")).containsEntry("effective_date", "2026-07-05")
                .containsEntry("amount", new BigDecimal("160.0000"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'",
                Long.class)).isEqualTo(1);
        assertThat(csv(out -> reports.rebates(Quarter.parse("2026-Q1"), out)))
                .contains("D3,EUR,8000.00,10000.00,40.00,160.00,0.00,0.00,0.00,0.00,200.00,200.00");
        assertThat(balance(jdbc, "D3", "2026-07-05")).isEqualByComparingTo("200.00"); // 40.00 + 160.00

        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-06"), true));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'",
                Long.class)).as("a re-close with nothing changed posts nothing").isEqualTo(1);

        books.creditNote("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-07"), true));
        assertThat(jdbc.queryForMap("""
                SELECT l.debit, l.credit FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id
                 WHERE e.idempotency_key = 'ADJUSTMENT:D3:2026-Q1:3' AND l.account = '2390'"""))
                .containsEntry("debit", new BigDecimal("160.0000")).containsEntry("credit", new BigDecimal("0.0000"));
        assertThat(balance(jdbc, "D3", "2026-07-07")).isEqualByComparingTo("40.00");
        assertLedgerSound(jdbc);
    }

    @Test
    void yearEndExpiresPositiveBalancesCarriesNegativeOnesAndLocksTheYear() {
        close("2026-Q1", "2026-04-05");
        close("2026-Q2", "2026-07-03");
        books.invoice("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-05"), true)); // D3 +160.00
        books.claim("C7", "D3", "2026-07-10", "CATALOGUES", "320.00", "EUR");
        close("2026-Q3", "2026-10-02");                                        // C7 covers the 200.00 D3 has
        books.creditNote("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-10-05"), true)); // D3 −160.00
        close("2026-Q4", "2027-01-03");

        completed(expiries.expire(2026));

        // D1: Q1's 575.00 + Q2's 25.00, nothing spent; D3: 40 + 160 − 200 (C7) − 160 = −160.00, carried
        assertThat(entry(jdbc, "EXPIRY:D1:2026")).containsEntry("effective_date", "2026-12-31")
                .containsEntry("amount", new BigDecimal("600.0000"));
        assertThat(entry(jdbc, "EXPIRY:D2:2026")).containsEntry("amount", new BigDecimal("3000.0000"));
        assertThat(entry(jdbc, "EXPIRY:D6:2026")).containsEntry("amount", new BigDecimal("0.5100"));
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'EXPIRY'"
                + " AND effective_date = '2026-12-31' ORDER BY 1", String.class))
                .containsExactly("EXPIRY:D1:2026", "EXPIRY:D2:2026", "EXPIRY:D6:2026");
        assertThat(csv(out -> reports.balances(LocalDate.parse("2026-12-31"), out))).isEqualTo("""
                distributor_code,currency,balance
                D1,EUR,0.00
                D2,JPY,0
                D3,EUR,-160.00
                D4,EUR,0.00
                D5,EUR,0.00
                D6,EUR,0.00
                """);

        assertThatThrownBy(() -> expiries.expire(2026)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("already expired");
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2026-12-31"), true))
                .isInstanceOf(RefusedException.class);
        // a re-close of a locked year would credit 2026's bonus into 2027's fund
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2027-01-04"), true))
                .isInstanceOf(RefusedException.class).hasMessageContaining("the year 2026 is locked");
        assertLedgerSound(jdbc);
    }

    @Test
    void lateDataOfAQuarterSkippedForLackOfDataIsBookedByAReclose() {
        close("2026-Q1", "2026-04-05");
        close("2026-Q2", "2026-07-03");
        close("2026-Q4", "2027-01-03"); // 2026-Q3 has no data: the close of 2026-Q4 need not wait for it
        books.invoice("D6", "2026-08-10", "LAPTOPS", "1000.00", "EUR"); // late: 2026-Q3 now has data

        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q3"), LocalDate.parse("2027-01-04"), false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("2026-Q3 counts as closed")
                .hasMessageContaining("close --period 2026-Q3 --reclose --as-of 2027-01-01");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run WHERE period = '2026-Q3'", Long.class)).isZero();

        completed(closes.close(Quarter.parse("2026-Q3"), LocalDate.parse("2027-01-04"), true));
        // D6 BRONZE 0.5 % of 1,000.00, all of it new: an adjustment at the re-close's business date, none inside Q3
        assertThat(entry(jdbc, "ADJUSTMENT:D6:2026-Q3:1")).containsEntry("effective_date", "2027-01-04")
                .containsEntry("amount", new BigDecimal("5.0000"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE idempotency_key LIKE '%:2026-Q3%'",
                Long.class)).isEqualTo(1);
        assertThat(csv(out -> reports.rebates(Quarter.parse("2026-Q3"), out)))
                .contains("D6,EUR,1000.00,,5.00,0.00,0.00,0.00,0.00,0.00,5.00,5.00");

        completed(expiries.expire(2026)); // the year can still end
        assertLedgerSound(jdbc);
    }

    @Test
    void refusesClosesTheRulesForbid() {
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2026-07-03"), false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("2026-Q1 has data and is not closed");
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-03-31"), false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("has not ended yet");
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-05"), true))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not closed yet");
        assertThatThrownBy(() -> expiries.expire(2026)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("needs 2026-Q4 closed");
        close("2026-Q1", "2026-04-05");
        assertThatThrownBy(() -> closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-06"), false))
                .isInstanceOf(RefusedException.class).hasMessageContaining("already closed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run WHERE period = '2026-Q2'", Long.class)).isZero();
    }

    private void close(String period, String asOf) {
        completed(closes.close(Quarter.parse(period), LocalDate.parse(asOf), false));
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription() + execution.getAllFailureExceptions())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private static String csv(java.util.function.Consumer<StringBuilder> report) {
        StringBuilder out = new StringBuilder();
        report.accept(out);
        return out.toString();
    }
}
