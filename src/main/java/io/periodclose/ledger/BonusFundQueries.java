package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every figure read back from the distributors' bonus fund: balances as of a day, movements over a period, what a
 * quarter's bonus has credited, what expired, and the positive balances a year-end lapses. The one place that
 * knows how the fund is summed from {@code ledger_line} (credits − debits of the fund account, by effective date),
 * so a statement, a report, the close and the expiry cannot disagree about a balance. Each method is one set-based
 * query for all the distributors it is given; amounts come back as the books store them (four decimals), rounding
 * to the currency's minor unit is the caller's.
 */
@Repository
public class BonusFundQueries {

    /**
     * The distributors whose fund is positive at the end of a day, by distributor code, one row per distributor and
     * currency: {@code distributor_code, currency, balance}. Given to a cursor reader as SQL text because the
     * expiry streams it; {@link #positiveBalances} gives the arguments.
     */
    public static final String POSITIVE_BALANCES_SQL = """
            SELECT distributor_code, currency, sum(credit - debit) AS balance
              FROM ledger_line
             WHERE account = ? AND effective_date <= ?
             GROUP BY distributor_code, currency
            HAVING sum(credit - debit) > 0
             ORDER BY distributor_code""";

    /** A query's text and its arguments, for a reader that runs it itself. */
    public record Query(String sql, Object... arguments) {
    }

    /** A distributor's fund at the end of the day before a period and at the end of its last day. */
    public record OpeningAndClosing(BigDecimal opening, BigDecimal closing) {
        public static final OpeningAndClosing NONE = new OpeningAndClosing(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * A distributor's fund at the end of the day before a period, and its movements inside the period by effective
     * date (every kind of entry, spends included).
     */
    public record OpeningAndMovements(BigDecimal opening, Map<LocalDate, BigDecimal> movements) {
        public static final OpeningAndMovements NONE = new OpeningAndMovements(BigDecimal.ZERO, Map.of());
    }

    /** A distributor of the master data with its fund's balance (zero without entries). */
    public record DistributorBalance(String distributor, String currency, BigDecimal balance) {
    }

    /**
     * One entry's movement of a distributor's fund, with the claim and settlement a SPEND entry paid ({@code null}s
     * otherwise); or a settled claim nothing of which was covered, which moves nothing ({@code amount} 0, type
     * SPEND, no period) but belongs beside the movements.
     */
    public record ClaimedMovement(String distributor, String type, LocalDate date, String period, String currency,
                                  BigDecimal amount, String claimId, LocalDate claimDate, String direction,
                                  String description, BigDecimal claimAmount, BigDecimal requested,
                                  BigDecimal covered, BigDecimal distributorPays) {
    }

    /**
     * A currency's fund movements for one quarter by kind, each entry counted in the quarter it is for (its
     * {@code period}): a quarter's bonus (ACCRUAL and its re-closes' ADJUSTMENTs, net), the annual rebate of the year
     * in the year's last quarter, claims covered in the quarter of their date, the year's expiry in its last quarter.
     */
    public record QuarterMovements(String quarter, String currency, BigDecimal accrued, BigDecimal annual,
                                   BigDecimal spent, BigDecimal expired) {
    }

    /** A currency's fund at the end of a quarter's last day, by effective date as every balance. */
    public record QuarterEndBalance(String quarter, String currency, BigDecimal balance) {
    }

    /** A currency's fund movements of all time by kind, and its balance now. */
    public record CurrencyTotals(BigDecimal accrued, BigDecimal spent, BigDecimal expired, BigDecimal balance) {
        public static final CurrencyTotals NONE = new CurrencyTotals(BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final JdbcTemplate jdbc;
    private final Accounts accounts;

    public BonusFundQueries(JdbcTemplate jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** D's balance at the end of a day: credits − debits of D's bonus fund over entries effective on or before it. */
    public BigDecimal balance(String distributor, LocalDate asOf) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(credit - debit), 0) FROM ledger_line
                 WHERE account = ? AND distributor_code = ? AND effective_date <= ?""", BigDecimal.class,
                accounts.bonusFund(), distributor, asOf);
    }

    /** Several distributors' balances at the end of a day, in one query; a distributor without entries has none. */
    public Map<String, BigDecimal> balances(List<String> distributors, LocalDate asOf) {
        Map<String, BigDecimal> balances = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, sum(credit - debit) FROM ledger_line
                 WHERE account = ? AND distributor_code = ANY (?) AND effective_date <= ?
                 GROUP BY distributor_code""", rs -> {
            balances.put(rs.getString(1), rs.getBigDecimal(2));
        }, accounts.bonusFund(), distributors.toArray(String[]::new), asOf);
        return balances;
    }

    /**
     * Several distributors' balances at the end of the day before {@code from} and their movements from {@code from}
     * to {@code to} by effective date, in one query: what {@link #balances} at {@code from − 1} and {@link #movements}
     * give together. A distributor without entries up to {@code to} has none ({@link OpeningAndMovements#NONE}).
     */
    public Map<String, OpeningAndMovements> openingAndMovements(List<String> distributors, LocalDate from,
                                                               LocalDate to) {
        Map<String, BigDecimal> opening = new HashMap<>();
        Map<String, Map<LocalDate, BigDecimal>> movements = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, CASE WHEN effective_date >= ? THEN effective_date END AS day,
                       sum(credit - debit)
                  FROM ledger_line
                 WHERE account = ? AND distributor_code = ANY (?) AND effective_date <= ?
                 GROUP BY 1, 2""", rs -> {
            LocalDate day = rs.getObject(2, LocalDate.class);
            if (day == null) {
                opening.put(rs.getString(1), rs.getBigDecimal(3));
            } else {
                movements.computeIfAbsent(rs.getString(1), d -> new HashMap<>()).put(day, rs.getBigDecimal(3));
            }
        }, from, accounts.bonusFund(), distributors.toArray(String[]::new), to);
        Map<String, OpeningAndMovements> funds = new HashMap<>();
        for (String distributor : distributors) {
            BigDecimal before = opening.get(distributor);
            Map<LocalDate, BigDecimal> inside = movements.get(distributor);
            if (before != null || inside != null) {
                funds.put(distributor, new OpeningAndMovements(before == null ? BigDecimal.ZERO : before,
                        inside == null ? Map.of() : inside));
            }
        }
        return funds;
    }

    /**
     * Several distributors' balances at the end of the day before {@code from} and at the end of {@code to}, in one
     * query; a distributor without entries up to {@code to} has none ({@link OpeningAndClosing#NONE}).
     */
    public Map<String, OpeningAndClosing> openingAndClosing(List<String> distributors, LocalDate from, LocalDate to) {
        Map<String, OpeningAndClosing> balances = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, coalesce(sum(credit - debit) FILTER (WHERE effective_date <= ?), 0),
                       coalesce(sum(credit - debit), 0)
                  FROM ledger_line
                 WHERE account = ? AND distributor_code = ANY (?) AND effective_date <= ?
                 GROUP BY distributor_code""", rs -> {
            balances.put(rs.getString(1), new OpeningAndClosing(rs.getBigDecimal(2), rs.getBigDecimal(3)));
        }, from.minusDays(1), accounts.bonusFund(), distributors.toArray(String[]::new), to);
        return balances;
    }

    /**
     * Every distributor of the master data with its balance at the end of a day, in code order (byte order, as the
     * reports sort), streamed to {@code each} row by row.
     */
    public void everyDistributorsBalance(LocalDate asOf, Consumer<DistributorBalance> each) {
        jdbc.query("""
                SELECT d.code, d.currency, coalesce(b.balance, 0)
                  FROM distributor d
                  LEFT JOIN (SELECT distributor_code, sum(credit - debit) AS balance FROM ledger_line
                              WHERE account = ? AND effective_date <= ? GROUP BY distributor_code) b
                    ON b.distributor_code = d.code
                 ORDER BY d.code COLLATE "C\"""", rs -> {
            each.accept(new DistributorBalance(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
        }, accounts.bonusFund(), asOf);
    }

    /** The query of the distributors whose fund is positive at the end of a year: what its expiry lapses. */
    public Query positiveBalances(int year) {
        return new Query(POSITIVE_BALANCES_SQL, accounts.bonusFund(), LocalDate.of(year, 12, 31));
    }

    /**
     * Several distributors' bonus fund movements effective from {@code from} to {@code to}, summed by distributor
     * and effective date, in one query.
     */
    public Map<String, Map<LocalDate, BigDecimal>> movements(List<String> distributors, LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, BigDecimal>> movements = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, effective_date, sum(credit - debit) FROM ledger_line
                 WHERE account = ? AND distributor_code = ANY (?) AND effective_date BETWEEN ? AND ?
                 GROUP BY distributor_code, effective_date""", rs -> {
            movements.computeIfAbsent(rs.getString(1), d -> new HashMap<>())
                    .put(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
        }, accounts.bonusFund(), distributors.toArray(String[]::new), from, to);
        return movements;
    }

    /**
     * Several distributors' fund movements entry by entry between two dates, and every claim settled in them,
     * including those nothing of which was covered (they move nothing but the distributor must see them), in one
     * query; by distributor, each list in effective-date then claim order. A claim's description is cut to
     * {@code descriptionChars}. A SPEND entry's key is {@code SPEND:<claim id>}, so its claim is looked up by the
     * claim's primary key.
     */
    public Map<String, List<ClaimedMovement>> claimedMovements(List<String> distributors, LocalDate from, LocalDate to,
                                                               int descriptionChars) {
        String[] codes = distributors.toArray(String[]::new);
        Map<String, List<ClaimedMovement>> movements = new HashMap<>();
        jdbc.query("""
                SELECT l.distributor_code, e.entry_type, e.effective_date, e.period, e.currency,
                       sum(l.credit - l.debit) AS amount, c.claim_id, c.claim_date, c.direction,
                       left(c.description, %s) AS description,
                       c.amount, s.requested, s.covered, s.distributor_pays
                  FROM ledger_entry e
                  JOIN ledger_line l ON l.entry_id = e.id AND l.account = ? AND l.distributor_code = ANY (?)
                  LEFT JOIN claim c ON e.entry_type = 'SPEND' AND e.idempotency_key LIKE 'SPEND:%%'
                                   AND c.claim_id = substr(e.idempotency_key, 7)
                  LEFT JOIN claim_settlement s ON s.claim_id = c.claim_id
                 WHERE e.effective_date BETWEEN ? AND ?
                 GROUP BY l.distributor_code, e.id, c.claim_id, s.claim_id
                UNION ALL
                SELECT c.distributor_code, 'SPEND', c.claim_date, NULL, c.currency, 0, c.claim_id, c.claim_date,
                       c.direction, left(c.description, %s), c.amount, s.requested, s.covered, s.distributor_pays
                  FROM claim c JOIN claim_settlement s ON s.claim_id = c.claim_id
                 WHERE c.distributor_code = ANY (?) AND s.covered = 0 AND c.claim_date BETWEEN ? AND ?
                 ORDER BY 1, 3, 7""".formatted(descriptionChars, descriptionChars), rs -> {
            movements.computeIfAbsent(rs.getString(1), code -> new ArrayList<>()).add(new ClaimedMovement(
                    rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                    rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getObject(8, LocalDate.class),
                    rs.getString(9), rs.getString(10), rs.getBigDecimal(11), rs.getBigDecimal(12),
                    rs.getBigDecimal(13), rs.getBigDecimal(14)));
        }, accounts.bonusFund(), codes, from, to, codes, from, to);
        return movements;
    }

    /** The sum of ACCRUAL and ADJUSTMENT amounts credited so far for each distributor's bonus of a quarter. */
    public Map<String, BigDecimal> accruedFor(Quarter quarter, List<String> distributors) {
        Map<String, BigDecimal> accrued = new HashMap<>();
        jdbc.query("""
                SELECT e.distributor_code, sum(l.credit - l.debit)
                  FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id AND l.account = ?
                 WHERE e.period = ? AND e.entry_type IN ('ACCRUAL', 'ADJUSTMENT') AND e.distributor_code = ANY (?)
                 GROUP BY e.distributor_code""", rs -> {
            accrued.put(rs.getString(1), rs.getBigDecimal(2));
        }, accounts.bonusFund(), quarter.toString(), distributors.toArray(String[]::new));
        return accrued;
    }

    /** The amount of each distributor's year-end EXPIRY entry of a year; a distributor without one has none. */
    public Map<String, BigDecimal> expiredIn(int year, List<String> distributors) {
        Map<String, String> byKey = new HashMap<>();
        for (String code : distributors) {
            byKey.put("EXPIRY:" + code + ":" + year, code);
        }
        Map<String, BigDecimal> expiries = new HashMap<>();
        jdbc.query("SELECT idempotency_key, amount FROM ledger_entry WHERE idempotency_key = ANY (?)", rs -> {
            expiries.put(byKey.get(rs.getString(1)), rs.getBigDecimal(2));
        }, (Object) byKey.keySet().toArray(String[]::new));
        return expiries;
    }

    /**
     * Each currency's fund totals over the whole ledger, in one pass: credited by ACCRUAL, ADJUSTMENT and ANNUAL
     * entries (net), debited by SPEND and by EXPIRY entries, and the balance; a currency without fund lines has none.
     */
    public Map<String, CurrencyTotals> totalsByCurrency() {
        Map<String, CurrencyTotals> totals = new HashMap<>();
        jdbc.query("""
                SELECT l.currency,
                       coalesce(sum(l.credit - l.debit)
                                FILTER (WHERE e.entry_type IN ('ACCRUAL', 'ADJUSTMENT', 'ANNUAL')), 0),
                       coalesce(sum(l.debit) FILTER (WHERE e.entry_type = 'SPEND'), 0),
                       coalesce(sum(l.debit) FILTER (WHERE e.entry_type = 'EXPIRY'), 0),
                       coalesce(sum(l.credit - l.debit), 0)
                  FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                 WHERE l.account = ?
                 GROUP BY l.currency""", rs -> {
            totals.put(rs.getString(1), new CurrencyTotals(rs.getBigDecimal(2), rs.getBigDecimal(3),
                    rs.getBigDecimal(4), rs.getBigDecimal(5)));
        }, accounts.bonusFund());
        return totals;
    }

    /**
     * Every currency's fund movements per quarter, in one pass over the fund's lines, by quarter then currency. An
     * ANNUAL entry's period is its year: it is counted in the year's fourth quarter (though effective on 1 January
     * of the next, so that the year's expiry leaves it alone).
     */
    public List<QuarterMovements> movementsByQuarter() {
        return jdbc.query("""
                SELECT CASE WHEN e.entry_type = 'ANNUAL' THEN e.period || '-Q4' ELSE e.period END AS quarter,
                       l.currency,
                       coalesce(sum(l.credit - l.debit) FILTER (WHERE e.entry_type IN ('ACCRUAL', 'ADJUSTMENT')), 0),
                       coalesce(sum(l.credit - l.debit) FILTER (WHERE e.entry_type = 'ANNUAL'), 0),
                       coalesce(sum(l.debit - l.credit) FILTER (WHERE e.entry_type = 'SPEND'), 0),
                       coalesce(sum(l.debit - l.credit) FILTER (WHERE e.entry_type = 'EXPIRY'), 0)
                  FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                 WHERE l.account = ?
                 GROUP BY 1, 2
                 ORDER BY 1, 2""", (rs, n) -> new QuarterMovements(rs.getString(1), rs.getString(2),
                rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)),
                accounts.bonusFund());
    }

    /**
     * Every currency's fund at the end of each quarter in which it moved (credits − debits effective on or before
     * the quarter's last day, as {@link #everyDistributorsBalance} sums them per distributor), by quarter then
     * currency; a quarter without movements of a currency keeps the previous quarter's balance.
     */
    public List<QuarterEndBalance> balancesAtQuarterEnds() {
        return jdbc.query("""
                SELECT quarter, currency, sum(sum(credit - debit)) OVER (PARTITION BY currency ORDER BY quarter)
                  FROM (SELECT extract(year FROM effective_date)::int || '-Q' || extract(quarter FROM effective_date)::int
                                   AS quarter, currency, credit, debit
                          FROM ledger_line WHERE account = ?) fund
                 GROUP BY quarter, currency
                 ORDER BY quarter, currency""", (rs, n) -> new QuarterEndBalance(rs.getString(1), rs.getString(2),
                rs.getBigDecimal(3)), accounts.bonusFund());
    }
}
