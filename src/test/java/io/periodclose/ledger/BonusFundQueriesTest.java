package io.periodclose.ledger;

import io.periodclose.ledger.BonusFundQueries.ClaimedMovement;
import io.periodclose.ledger.BonusFundQueries.CurrencyTotals;
import io.periodclose.ledger.BonusFundQueries.DistributorBalance;
import io.periodclose.ledger.BonusFundQueries.OpeningAndClosing;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The bonus fund's figures read back from postings made through {@link Ledger}, over one year of two EUR
 * distributors and a JPY one: Q1 accrued, claims spent in Q2 (one covered by nothing), Q1 re-closed downwards in
 * June, and the year-end expiry of what is positive. Amounts are compared as the books return them (four decimals,
 * {@code 0} where a sum has no row), so a change of rounding shows.
 */
@DatabaseTest
class BonusFundQueriesTest {

    static final Quarter Q1 = Quarter.parse("2026-Q1");
    static final Quarter Q2 = Quarter.parse("2026-Q2");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    BonusFundQueries fund;
    @Autowired
    PlatformTransactionManager transactionManager;

    Accounts accounts;
    long closeRun;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        accounts = ledger.accounts();
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR")
                .distributor("D3", "GOLD", "JPY").distributor("D4", "SILVER", "EUR")
                .claim("C1", "D1", "2026-05-10", "CATALOGUES", "100.00", "EUR")
                .claim("C2", "D2", "2026-05-20", "BOOKLETS", "60.00", "EUR")
                .claim("C3", "D2", "2026-06-01", "BOOKLETS", "30.00", "EUR");
        jdbc.update("INSERT INTO program_snapshot (sha256, program_id, year, content)"
                + " VALUES (repeat('0', 64), 'TEST', 2026, '')");
        closeRun = jdbc.queryForObject("INSERT INTO close_run (period, sequence, business_date, program_sha256)"
                + " VALUES ('2026-Q2', 0, '2026-07-02', repeat('0', 64)) RETURNING id", Long.class);

        post(accrual("D1", Q1, "575.00"), accrual("D2", Q1, "25.00"), accrual("D3", Q2, "1000"));
        settle("C1", "100.00", "100.00", "0.00", "COVERED");
        settle("C2", "60.00", "40.00", "20.00", "PARTIAL");
        settle("C3", "30.00", "0.00", "30.00", "UNCOVERED");
        post(spend("D1", "C1", "2026-05-10", "100.00"), spend("D2", "C2", "2026-05-20", "40.00"));
    }

    @Test
    void aReCloseAdjustsWhatTheQuarterAccruedAndTheBalancesAfterIt() {
        assertThat(plain(fund.accruedFor(Q1, List.of("D1", "D2", "D3")))).containsExactly(
                Map.entry("D1", "575.0000"), Map.entry("D2", "25.0000"));

        reClose("D1", Q1, "550.00", LocalDate.parse("2026-06-15"));

        assertThat(plain(fund.accruedFor(Q1, List.of("D1", "D2")))).as("accrual and adjustment together")
                .containsExactly(Map.entry("D1", "550.0000"), Map.entry("D2", "25.0000"));
        assertThat(fund.balance("D1", LocalDate.parse("2026-03-31")).toPlainString()).isEqualTo("0");
        assertThat(fund.balance("D1", LocalDate.parse("2026-06-14")).toPlainString()).isEqualTo("475.0000");
        assertThat(fund.balance("D1", LocalDate.parse("2026-06-15")).toPlainString()).isEqualTo("450.0000");
        assertThat(plain(fund.balances(List.of("D1", "D2", "D3", "D4"), LocalDate.parse("2026-06-30"))))
                .as("D3's Q2 bonus is effective 1 July; D4 has no entries").containsExactly(
                        Map.entry("D1", "450.0000"), Map.entry("D2", "-15.0000"));
        assertThat(fund.openingAndClosing(List.of("D1", "D2", "D3", "D4"), Q2.firstDay(), Q2.lastDay()))
                .containsOnlyKeys("D1", "D2")
                .containsEntry("D1", new OpeningAndClosing(new BigDecimal("0"), new BigDecimal("450.0000")))
                .containsEntry("D2", new OpeningAndClosing(new BigDecimal("0"), new BigDecimal("-15.0000")));
        assertThat(plainByDate(fund.movements(List.of("D1", "D2"), Q2.firstDay(), Q2.lastDay()))).containsExactly(
                Map.entry("D1", Map.of(LocalDate.parse("2026-04-01"), "575.0000",
                        LocalDate.parse("2026-05-10"), "-100.0000", LocalDate.parse("2026-06-15"), "-25.0000")),
                Map.entry("D2", Map.of(LocalDate.parse("2026-04-01"), "25.0000",
                        LocalDate.parse("2026-05-20"), "-40.0000")));

        assertThat(fund.openingAndMovements(List.of("D1", "D2", "D3", "D4"), Q2.firstDay(), Q2.lastDay()))
                .as("the claims' view of Q2: balances before it and its movements, in one query").containsOnlyKeys(
                        "D1", "D2").hasEntrySatisfying("D1", f -> {
                    assertThat(f.opening()).isEqualByComparingTo("0");
                    assertThat(plainByDate(Map.of("D1", f.movements()))).isEqualTo(plainByDate(
                            fund.movements(List.of("D1"), Q2.firstDay(), Q2.lastDay())));
                });
        Quarter q3 = Quarter.parse("2026-Q3");
        var q3Funds = fund.openingAndMovements(List.of("D1", "D2", "D3", "D4"), q3.firstDay(), q3.lastDay());
        assertThat(q3Funds).containsOnlyKeys("D1", "D2", "D3");
        assertThat(q3Funds.get("D1").opening().toPlainString()).isEqualTo("450.0000");
        assertThat(q3Funds.get("D1").movements()).isEmpty();
        assertThat(q3Funds.get("D2").opening().toPlainString()).isEqualTo("-15.0000");
        assertThat(q3Funds.get("D3").opening()).isEqualByComparingTo("0");
        assertThat(plainByDate(Map.of("D3", q3Funds.get("D3").movements()))).containsExactly(
                Map.entry("D3", Map.of(LocalDate.parse("2026-07-01"), "1000.0000")));
    }

    @Test
    void movementsListEachEntryWithItsClaimAndTheClaimsNothingCovered() {
        reClose("D1", Q1, "550.00", LocalDate.parse("2026-06-15"));

        Map<String, List<ClaimedMovement>> movements = fund.claimedMovements(List.of("D1", "D2", "D4"),
                Q2.firstDay(), Q2.lastDay(), 5);

        assertThat(movements).containsOnlyKeys("D1", "D2");
        assertThat(movements.get("D1")).extracting(ClaimedMovement::type, m -> m.date().toString(),
                        ClaimedMovement::period, m -> m.amount().toPlainString(), ClaimedMovement::claimId)
                .containsExactly(
                        tuple("ACCRUAL", "2026-04-01", "2026-Q1", "575.0000", null),
                        tuple("SPEND", "2026-05-10", "2026-Q2", "-100.0000", "C1"),
                        tuple("ADJUSTMENT", "2026-06-15", "2026-Q1", "-25.0000", null));
        assertThat(movements.get("D2")).extracting(ClaimedMovement::type, m -> m.date().toString(),
                        m -> m.amount().toPlainString(), ClaimedMovement::claimId, ClaimedMovement::description,
                        m -> m.requested() == null ? null : m.requested().toPlainString(),
                        m -> m.covered() == null ? null : m.covered().toPlainString(),
                        m -> m.distributorPays() == null ? null : m.distributorPays().toPlainString())
                .containsExactly(
                        tuple("ACCRUAL", "2026-04-01", "25.0000", null, null, null, null, null),
                        tuple("SPEND", "2026-05-20", "-40.0000", "C2", "Катал", "60.0000", "40.0000", "20.0000"),
                        tuple("SPEND", "2026-06-01", "0", "C3", "Катал", "30.0000", "0.0000", "30.0000"));
        assertThat(movements.get("D2").get(1)).extracting(ClaimedMovement::distributor, ClaimedMovement::currency,
                ClaimedMovement::direction, m -> m.claimDate().toString(), m -> m.claimAmount().toPlainString())
                .containsExactly("D2", "EUR", "BOOKLETS", "2026-05-20", "60.0000");
    }

    @Test
    void theYearEndExpiryLapsesEveryPositiveBalanceAndCarriesTheNegativeOne() {
        reClose("D1", Q1, "550.00", LocalDate.parse("2026-06-15"));

        List<String> positive = positiveBalances(2026);
        assertThat(positive).as("D2 is negative, D4 has nothing").containsExactly("D1 EUR 450.0000", "D3 JPY 1000.0000");
        assertThat(positiveBalances(2025)).isEmpty();
        post(Posting.expiry(accounts, "D1", "EUR", 2026, new BigDecimal("450.00")),
                Posting.expiry(accounts, "D3", "JPY", 2026, new BigDecimal("1000")));

        assertThat(positiveBalances(2026)).as("the query is its own restart bookmark").isEmpty();
        assertThat(plain(fund.expiredIn(2026, List.of("D1", "D2", "D3")))).containsExactly(
                Map.entry("D1", "450.0000"), Map.entry("D3", "1000.0000"));
        assertThat(fund.expiredIn(2025, List.of("D1"))).isEmpty();
        LocalDate yearEnd = LocalDate.parse("2026-12-31");
        assertThat(plain(fund.balances(List.of("D1", "D2", "D3"), yearEnd))).containsExactly(
                Map.entry("D1", "0.0000"), Map.entry("D2", "-15.0000"), Map.entry("D3", "0.0000"));
        assertThat(fund.openingAndClosing(List.of("D1", "D3"), LocalDate.parse("2026-01-01"), yearEnd))
                .containsEntry("D1", new OpeningAndClosing(new BigDecimal("0"), new BigDecimal("0.0000")))
                .containsEntry("D3", new OpeningAndClosing(new BigDecimal("0"), new BigDecimal("0.0000")));
        assertThat(plainByDate(fund.movements(List.of("D1"), LocalDate.parse("2026-12-01"), yearEnd)))
                .containsExactly(Map.entry("D1", Map.of(yearEnd, "-450.0000")));
        assertThat(fund.claimedMovements(List.of("D3"), LocalDate.parse("2026-07-01"), yearEnd, 5).get("D3"))
                .extracting(ClaimedMovement::type, m -> m.amount().toPlainString(), ClaimedMovement::period)
                .containsExactly(tuple("ACCRUAL", "1000.0000", "2026-Q2"), tuple("EXPIRY", "-1000.0000", "2026-Q4"));

        List<DistributorBalance> report = new ArrayList<>();
        fund.everyDistributorsBalance(yearEnd, report::add);
        assertThat(report).extracting(DistributorBalance::distributor, DistributorBalance::currency,
                        b -> b.balance().toPlainString())
                .as("every distributor of the master data, by code").containsExactly(
                        tuple("D1", "EUR", "0.0000"), tuple("D2", "EUR", "-15.0000"), tuple("D3", "JPY", "0.0000"),
                        tuple("D4", "EUR", "0"));

        Map<String, CurrencyTotals> totals = fund.totalsByCurrency();
        assertThat(totals).containsOnlyKeys("EUR", "JPY");
        assertThat(totals.get("EUR")).extracting(t -> t.accrued().toPlainString(), t -> t.spent().toPlainString(),
                        t -> t.expired().toPlainString(), t -> t.balance().toPlainString())
                .as("575 + 25 accrued less the re-close's 25; 100 + 40 spent")
                .containsExactly("575.0000", "140.0000", "450.0000", "-15.0000");
        assertThat(totals.get("JPY")).extracting(t -> t.accrued().toPlainString(), t -> t.spent().toPlainString(),
                        t -> t.expired().toPlainString(), t -> t.balance().toPlainString())
                .containsExactly("1000.0000", "0", "1000.0000", "0.0000");
    }

    /** A re-close posts the difference between the new total and what the quarter has accrued so far. */
    private void reClose(String distributor, Quarter quarter, String total, LocalDate businessDate) {
        BigDecimal accrued = fund.accruedFor(quarter, List.of(distributor)).get(distributor);
        post(Posting.adjustment(accounts, distributor, "EUR", quarter, 1, businessDate,
                new BigDecimal(total).subtract(accrued).setScale(2)));
    }

    /** Runs the expiry reader's query as the reader does: its SQL with its arguments. */
    private List<String> positiveBalances(int year) {
        BonusFundQueries.Query query = fund.positiveBalances(year);
        return jdbc.query(query.sql(), (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getBigDecimal(3).toPlainString(), query.arguments());
    }

    private void post(Posting... postings) {
        new TransactionTemplate(transactionManager).executeWithoutResult(
                status -> ledger.post(List.of(postings), null));
    }

    private void settle(String claim, String requested, String covered, String distributorPays, String status) {
        jdbc.update("""
                INSERT INTO claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered,
                                              distributor_pays, status) VALUES (?, ?, 1, ?, 0, ?, ?, ?)""",
                claim, closeRun, new BigDecimal(requested), new BigDecimal(covered), new BigDecimal(distributorPays),
                status);
    }

    private Posting accrual(String distributor, Quarter quarter, String amount) {
        String currency = distributor.equals("D3") ? "JPY" : "EUR";
        return Posting.accrual(accounts, distributor, currency, quarter, new BigDecimal(amount));
    }

    private Posting spend(String distributor, String claim, String date, String amount) {
        return Posting.spend(accounts, distributor, "EUR", claim, LocalDate.parse(date), new BigDecimal(amount),
                "Каталоги");
    }

    private static Map<String, String> plain(Map<String, BigDecimal> amounts) {
        Map<String, String> plain = new TreeMap<>();
        amounts.forEach((key, amount) -> plain.put(key, amount.toPlainString()));
        return plain;
    }

    private static Map<String, Map<LocalDate, String>> plainByDate(Map<String, Map<LocalDate, BigDecimal>> amounts) {
        Map<String, Map<LocalDate, String>> plain = new TreeMap<>();
        amounts.forEach((key, byDate) -> {
            Map<LocalDate, String> dates = new TreeMap<>();
            byDate.forEach((date, amount) -> dates.put(date, amount.toPlainString()));
            plain.put(key, dates);
        });
        return plain;
    }
}
