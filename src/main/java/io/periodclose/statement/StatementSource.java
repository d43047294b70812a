package io.periodclose.statement;

import io.periodclose.ledger.Accounts;
import io.periodclose.money.Currencies;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a statement shows from the books: the ledger for the balances and movements, the settlements for
 * each claim's parts, the close run's rebate row for the bonus. Figures are never recomputed here, so a statement
 * always equals the ledger; the model refuses to exist if they do not reconcile.
 */
@Repository
public class StatementSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final CloseRuns closeRuns;
    private final String issuer;

    public StatementSource(JdbcTemplate jdbc, Accounts accounts, CloseRuns closeRuns,
                           @Value("${period-close.issuer:Принтеры и Ко АО}") String issuer) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.closeRuns = closeRuns;
        this.issuer = issuer;
    }

    record Distributor(String code, String name, String currency) {
    }

    /** A row of a distributor's movements as the query returns it; {@link #movement} makes it a {@link Movement}. */
    private record MovementRow(String type, LocalDate date, String period, String currency, BigDecimal amount,
                               String claimId, LocalDate claimDate, String direction, String description,
                               BigDecimal claimAmount, BigDecimal requested, BigDecimal covered,
                               BigDecimal distributorPays) {
    }

    /** The close run's rebate row of a distributor with its turnover figures, as the query returns them. */
    private record BonusRow(BigDecimal turnover, BigDecimal target, BigDecimal lastYearTurnover, String tier,
                            String currency, BigDecimal uncapped, BigDecimal capAmount, boolean capApplied,
                            BigDecimal total, String explanation) {
    }

    /** A distributor's bonus fund balance at the end of two days. */
    private record Balances(BigDecimal first, BigDecimal second) {
        static final Balances NONE = new Balances(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public QuarterStatement quarter(CloseRun run, String code) {
        return quarters(run, List.of(code)).get(0).orElseThrow();
    }

    public AnnualStatement annual(int year, String code, LocalDate issueDate) {
        return annuals(year, List.of(code), issueDate).get(0).orElseThrow();
    }

    /**
     * The quarter statements of several distributors of a close, in their order, read with five queries for all of
     * them. A statement the model refuses (figures that do not reconcile) is returned with the reason instead;
     * anything else (a distributor or rebate row missing, the database failing) is thrown.
     */
    public List<SourcedStatement<QuarterStatement>> quarters(CloseRun run, List<String> codes) {
        Quarter q = run.quarter();
        String[] array = codes.toArray(String[]::new);
        Map<String, Distributor> distributors = distributors(array);
        Map<String, Balances> balances = balances(array, q.firstDay().minusDays(1), q.lastDay());
        Map<String, List<MovementRow>> movements = movements(array, q.firstDay(), q.lastDay());
        Map<String, BonusRow> bonuses = bonuses(run, array);
        String programId = programId(run);
        List<SourcedStatement<QuarterStatement>> statements = new ArrayList<>(codes.size());
        for (String code : codes) {
            statements.add(SourcedStatement.of(code, () -> {
                Distributor d = present(distributors.get(code));
                String documentId = "QS-" + q + "-" + code + (run.isReclose() ? "-R" + run.sequence() : "");
                StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(), documentId,
                        run.businessDate());
                Balances balance = balances.getOrDefault(code, Balances.NONE);
                BigDecimal opening = minor(balance.first(), d.currency());
                List<Movement> listed = movements(movements.getOrDefault(code, List.of()), true);
                BigDecimal closing = minor(balance.second(), d.currency());
                return new QuarterStatement(header, q, programId, run.programSha256(), opening, listed, closing,
                        bonus(run, present(bonuses.get(code))));
            }));
        }
        return statements;
    }

    /** The annual statements of several distributors, in their order, as {@link #quarters} reads them. */
    public List<SourcedStatement<AnnualStatement>> annuals(int year, List<String> codes, LocalDate issueDate) {
        String[] array = codes.toArray(String[]::new);
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        Map<String, Distributor> distributors = distributors(array);
        Map<String, Balances> balances = balances(array, first.minusDays(1), last);
        Map<String, List<MovementRow>> movements = movements(array, first, last);
        Map<String, BigDecimal> expiries = expiries(year, codes);
        List<SourcedStatement<AnnualStatement>> statements = new ArrayList<>(codes.size());
        for (String code : codes) {
            statements.add(SourcedStatement.of(code, () -> {
                Distributor d = present(distributors.get(code));
                StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(),
                        "AS-" + year + "-" + code, issueDate);
                Balances balance = balances.getOrDefault(code, Balances.NONE);
                return new AnnualStatement(header, year, minor(balance.first(), d.currency()),
                        movements(movements.getOrDefault(code, List.of()), false),
                        minor(expiries.getOrDefault(code, BigDecimal.ZERO), d.currency()),
                        minor(balance.second(), d.currency()));
            }));
        }
        return statements;
    }

    /** Every distributor is expected to be there, as a single row lookup would; a missing one fails the step. */
    private static <T> T present(T row) {
        if (row == null) {
            throw new EmptyResultDataAccessException(1);
        }
        return row;
    }

    private Map<String, Distributor> distributors(String[] codes) {
        Map<String, Distributor> distributors = new HashMap<>();
        jdbc.query("SELECT code, name, currency FROM distributor WHERE code = ANY (?)", rs -> {
            distributors.put(rs.getString(1), new Distributor(rs.getString(1), rs.getString(2), rs.getString(3)));
        }, (Object) codes);
        return distributors;
    }

    private String programId(CloseRun run) {
        return jdbc.queryForObject("SELECT program_id FROM program_snapshot WHERE sha256 = ?", String.class,
                run.programSha256());
    }

    /** The fund's balance of each distributor at the end of two days ({@code first} before {@code second}). */
    private Map<String, Balances> balances(String[] codes, LocalDate first, LocalDate second) {
        Map<String, Balances> balances = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, coalesce(sum(credit - debit) FILTER (WHERE effective_date <= ?), 0),
                       coalesce(sum(credit - debit), 0)
                  FROM ledger_line
                 WHERE account = ? AND distributor_code = ANY (?) AND effective_date <= ?
                 GROUP BY distributor_code""", rs -> {
            balances.put(rs.getString(1), new Balances(rs.getBigDecimal(2), rs.getBigDecimal(3)));
        }, first, accounts.bonusFund(), codes, second);
        return balances;
    }

    /**
     * The fund's movements between two dates, and every claim settled in them, including those nothing of which
     * was covered (they move nothing but the distributor must see them), by distributor. A SPEND entry's key is
     * {@code SPEND:<claim id>}, so its claim is looked up by the claim's primary key.
     */
    private Map<String, List<MovementRow>> movements(String[] codes, LocalDate from, LocalDate to) {
        Map<String, List<MovementRow>> movements = new HashMap<>();
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
                 ORDER BY 1, 3, 7""".formatted(ClaimDetail.DESCRIPTION_SHOWN + 1, ClaimDetail.DESCRIPTION_SHOWN + 1), rs -> {
            movements.computeIfAbsent(rs.getString(1), code -> new ArrayList<>()).add(new MovementRow(
                    rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5),
                    rs.getBigDecimal(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9),
                    rs.getString(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13),
                    rs.getBigDecimal(14)));
        }, accounts.bonusFund(), codes, from, to, codes, from, to);
        return movements;
    }

    /** The expiry is part of a quarter's movements but reported apart on the annual statement. */
    private static List<Movement> movements(List<MovementRow> rows, boolean includeExpiry) {
        List<Movement> movements = new ArrayList<>(rows.size());
        for (MovementRow row : rows) {
            String currency = row.currency();
            BigDecimal amount = minor(row.amount(), currency);
            switch (row.type()) {
                case "ACCRUAL" -> movements.add(Movement.accrual(Quarter.parse(row.period()), amount));
                case "ADJUSTMENT" -> movements.add(Movement.adjustment(row.date(), Quarter.parse(row.period()),
                        amount, null));
                case "SPEND" -> movements.add(Movement.spend(new ClaimDetail(row.claimId(), row.claimDate(),
                        row.direction(), row.description(), minor(row.claimAmount(), currency),
                        minor(row.requested(), currency), minor(row.covered(), currency),
                        minor(row.distributorPays(), currency))));
                case "EXPIRY" -> {
                    if (includeExpiry) {
                        movements.add(Movement.expiry(row.date().getYear(), amount.negate()));
                    }
                }
                default -> throw new IllegalStateException("unknown entry type " + row.type());
            }
        }
        return movements;
    }

    private Map<String, BigDecimal> expiries(int year, List<String> codes) {
        Map<String, String> byKey = new HashMap<>();
        for (String code : codes) {
            byKey.put("EXPIRY:" + code + ":" + year, code);
        }
        Map<String, BigDecimal> expiries = new HashMap<>();
        jdbc.query("SELECT idempotency_key, amount FROM ledger_entry WHERE idempotency_key = ANY (?)", rs -> {
            expiries.put(byKey.get(rs.getString(1)), rs.getBigDecimal(2));
        }, (Object) byKey.keySet().toArray(String[]::new));
        return expiries;
    }

    private Map<String, BonusRow> bonuses(CloseRun run, String[] codes) {
        Map<String, BonusRow> bonuses = new HashMap<>();
        jdbc.query("""
                SELECT r.distributor_code, r.turnover, r.target_amount, t.turnover_last_year, t.tier, r.currency,
                       r.uncapped, r.cap_amount, r.cap_applied, r.total, r.explanation::text
                  FROM rebate r JOIN turnover t ON t.close_run_id = r.close_run_id AND t.distributor_code = r.distributor_code
                 WHERE r.close_run_id = ? AND r.distributor_code = ANY (?)""", rs -> {
            bonuses.put(rs.getString(1), new BonusRow(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                    rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBoolean(9),
                    rs.getBigDecimal(10), rs.getString(11)));
        }, run.id(), codes);
        return bonuses;
    }

    private static Bonus bonus(CloseRun run, BonusRow row) {
        String currency = row.currency();
        JsonNode explanation = JSON.readTree(row.explanation());
        List<BonusComponent> components = new ArrayList<>();
        for (JsonNode c : explanation.get("components")) {
            Rung rung = c.hasNonNull("rungFrom") ? new Rung(decimal(c, "rungFrom"), decimal(c, "rate")) : null;
            Promo promo = c.hasNonNull("productLine") ? new Promo(c.get("productLine").asString(),
                    LocalDate.parse(c.get("promoFrom").asString()), LocalDate.parse(c.get("promoTo").asString()),
                    decimal(c, "rate")) : null;
            components.add(new BonusComponent(BonusComponent.Kind.valueOf(c.get("kind").asString()),
                    decimal(c, "base"), decimal(c, "rate"), rung, decimal(c, "percent"), promo,
                    minor(decimal(c, "amount"), currency)));
        }
        Bonus.NextRung next = explanation.hasNonNull("nextRungFrom")
                ? new Bonus.NextRung(new Rung(decimal(explanation, "nextRungFrom"), decimal(explanation, "nextRungRate")),
                minor(decimal(explanation, "turnoverNeeded"), currency))
                : null;
        return new Bonus(minor(row.turnover(), currency), minor(row.target(), currency),
                minor(row.lastYearTurnover(), currency), row.tier(), components, minor(row.uncapped(), currency),
                decimal(explanation, "capRate"), minor(row.capAmount(), currency), row.capApplied(),
                minor(row.total(), currency), run.quarter().dayAfter(), next);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asString());
    }

    /** The books store four decimals; a statement shows the currency's minor unit, which every figure fits. */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(Currencies.minorDigits(currency), RoundingMode.UNNECESSARY);
    }

}
