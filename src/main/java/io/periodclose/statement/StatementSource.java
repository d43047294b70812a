package io.periodclose.statement;

import io.periodclose.ledger.Accounts;
import io.periodclose.money.Currencies;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    public QuarterStatement quarter(CloseRun run, String code) {
        Quarter q = run.quarter();
        Distributor d = distributor(code);
        String documentId = "QS-" + q + "-" + code + (run.isReclose() ? "-R" + run.sequence() : "");
        StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(), documentId,
                run.businessDate());
        BigDecimal opening = balance(code, q.firstDay().minusDays(1), d.currency());
        List<Movement> movements = movements(code, q.firstDay(), q.lastDay(), true);
        BigDecimal closing = balance(code, q.lastDay(), d.currency());
        return new QuarterStatement(header, q, programId(run), run.programSha256(), opening, movements, closing,
                bonus(run, code));
    }

    public AnnualStatement annual(int year, String code, LocalDate issueDate) {
        Distributor d = distributor(code);
        StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(), "AS-" + year + "-" + code,
                issueDate);
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        BigDecimal expired = jdbc.queryForList("SELECT amount FROM ledger_entry WHERE idempotency_key = ?",
                BigDecimal.class, "EXPIRY:" + code + ":" + year).stream().findFirst().orElse(BigDecimal.ZERO);
        return new AnnualStatement(header, year, balance(code, first.minusDays(1), d.currency()),
                movements(code, first, last, false), minor(expired, d.currency()), balance(code, last, d.currency()));
    }

    private Distributor distributor(String code) {
        return jdbc.queryForObject("SELECT code, name, currency FROM distributor WHERE code = ?",
                (rs, n) -> new Distributor(rs.getString(1), rs.getString(2), rs.getString(3)), code);
    }

    private String programId(CloseRun run) {
        return jdbc.queryForObject("SELECT program_id FROM program_snapshot WHERE sha256 = ?", String.class,
                run.programSha256());
    }

    private BigDecimal balance(String code, LocalDate asOf, String currency) {
        return minor(jdbc.queryForObject("""
                SELECT coalesce(sum(credit - debit), 0) FROM ledger_line
                 WHERE account = ? AND distributor_code = ? AND effective_date <= ?""", BigDecimal.class,
                accounts.bonusFund(), code, asOf), currency);
    }

    /**
     * The fund's movements between two dates, and every claim settled in them, including those nothing of which
     * was covered (they move nothing but the distributor must see them). The expiry is part of a quarter's
     * movements but reported apart on the annual statement.
     */
    private List<Movement> movements(String code, LocalDate from, LocalDate to, boolean includeExpiry) {
        List<Movement> movements = new ArrayList<>();
        jdbc.query("""
                SELECT e.entry_type, e.effective_date, e.period, e.currency, sum(l.credit - l.debit) AS amount,
                       c.claim_id, c.claim_date, c.direction, c.description, c.amount, s.requested, s.covered,
                       s.distributor_pays
                  FROM ledger_entry e
                  JOIN ledger_line l ON l.entry_id = e.id AND l.account = ? AND l.distributor_code = ?
                  LEFT JOIN claim c ON e.entry_type = 'SPEND' AND e.idempotency_key = 'SPEND:' || c.claim_id
                  LEFT JOIN claim_settlement s ON s.claim_id = c.claim_id
                 WHERE e.effective_date BETWEEN ? AND ?
                 GROUP BY e.id, c.claim_id, s.claim_id
                UNION ALL
                SELECT 'SPEND', c.claim_date, NULL, c.currency, 0, c.claim_id, c.claim_date, c.direction, c.description,
                       c.amount, s.requested, s.covered, s.distributor_pays
                  FROM claim c JOIN claim_settlement s ON s.claim_id = c.claim_id
                 WHERE c.distributor_code = ? AND s.covered = 0 AND c.claim_date BETWEEN ? AND ?
                 ORDER BY 2, 6""", rs -> {
            String type = rs.getString(1);
            LocalDate date = rs.getObject(2, LocalDate.class);
            String currency = rs.getString(4);
            BigDecimal amount = minor(rs.getBigDecimal(5), currency);
            switch (type) {
                case "ACCRUAL" -> movements.add(Movement.accrual(Quarter.parse(rs.getString(3)), amount));
                case "ADJUSTMENT" -> movements.add(Movement.adjustment(date, Quarter.parse(rs.getString(3)), amount,
                        null));
                case "SPEND" -> movements.add(Movement.spend(new ClaimDetail(rs.getString(6),
                        rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9),
                        minor(rs.getBigDecimal(10), currency), minor(rs.getBigDecimal(11), currency),
                        minor(rs.getBigDecimal(12), currency), minor(rs.getBigDecimal(13), currency))));
                case "EXPIRY" -> {
                    if (includeExpiry) {
                        movements.add(Movement.expiry(date.getYear(), amount.negate()));
                    }
                }
                default -> throw new IllegalStateException("unknown entry type " + type);
            }
        }, accounts.bonusFund(), code, from, to, code, from, to);
        return movements;
    }

    private Bonus bonus(CloseRun run, String code) {
        return jdbc.queryForObject("""
                SELECT r.turnover, r.target_amount, t.turnover_last_year, t.tier, r.currency, r.uncapped, r.cap_amount,
                       r.cap_applied, r.total, r.explanation::text
                  FROM rebate r JOIN turnover t ON t.close_run_id = r.close_run_id AND t.distributor_code = r.distributor_code
                 WHERE r.close_run_id = ? AND r.distributor_code = ?""", (rs, n) -> {
            String currency = rs.getString(5);
            JsonNode explanation = JSON.readTree(rs.getString(10));
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
            return new Bonus(minor(rs.getBigDecimal(1), currency), minor(rs.getBigDecimal(2), currency),
                    minor(rs.getBigDecimal(3), currency), rs.getString(4), components,
                    minor(rs.getBigDecimal(6), currency), decimal(explanation, "capRate"),
                    minor(rs.getBigDecimal(7), currency), rs.getBoolean(8), minor(rs.getBigDecimal(9), currency),
                    run.quarter().dayAfter(), next);
        }, run.id(), code);
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
