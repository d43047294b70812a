package io.periodclose.statement;

import io.periodclose.approval.Approval;
import io.periodclose.approval.Approvals;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.BonusFundQueries.ClaimedMovement;
import io.periodclose.ledger.BonusFundQueries.OpeningAndClosing;
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
    private final BonusFundQueries fund;
    private final CloseRuns closeRuns;
    private final String issuer;
    private final Approvals approvals;

    public StatementSource(JdbcTemplate jdbc, BonusFundQueries fund, CloseRuns closeRuns,
                           @Value("${period-close.issuer:Принтеры и Ко АО}") String issuer, Approvals approvals) {
        this.approvals = approvals;
        this.jdbc = jdbc;
        this.fund = fund;
        this.closeRuns = closeRuns;
        this.issuer = issuer;
    }

    record Distributor(String code, String name, String currency) {
    }

    /** The close run's rebate row of a distributor with its turnover figures, as the query returns them. */
    private record BonusRow(BigDecimal turnover, BigDecimal target, BigDecimal lastYearTurnover, String tier,
                            String currency, BigDecimal uncapped, BigDecimal capAmount, boolean capApplied,
                            BigDecimal total, String explanation) {
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
        Map<String, OpeningAndClosing> balances = fund.openingAndClosing(codes, q.firstDay(), q.lastDay());
        // what the year-end will expire, as the books stand after this close's posting (ledger only)
        Map<String, BigDecimal> atYearEnd = fund.balances(codes, LocalDate.of(q.year(), 12, 31));
        Map<String, List<ClaimedMovement>> movements = fund.claimedMovements(codes, q.firstDay(), q.lastDay(),
                ClaimDetail.DESCRIPTION_SHOWN + 1);
        Map<String, BonusRow> bonuses = bonuses(run, array);
        String programId = programId(run);
        StatementHeader.Approved approved = approvals.forCloseRun(run.id()).filter(Approval::approved)
                .map(a -> new StatementHeader.Approved(a.decidedBy(), a.decidedAt())).orElse(null);
        List<SourcedStatement<QuarterStatement>> statements = new ArrayList<>(codes.size());
        for (String code : codes) {
            statements.add(SourcedStatement.of(code, () -> {
                Distributor d = present(distributors.get(code));
                String documentId = "QS-" + q + "-" + code + (run.isReclose() ? "-R" + run.statementVersion() : "");
                StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(), documentId,
                        run.businessDate(), approved);
                OpeningAndClosing balance = balances.getOrDefault(code, OpeningAndClosing.NONE);
                BigDecimal opening = minor(balance.opening(), d.currency());
                List<Movement> listed = movements(movements.getOrDefault(code, List.of()), true);
                BigDecimal closing = minor(balance.closing(), d.currency());
                BigDecimal expiring = minor(atYearEnd.getOrDefault(code, BigDecimal.ZERO).max(BigDecimal.ZERO),
                        d.currency());
                return new QuarterStatement(header, q, programId, run.programSha256(), opening, listed, closing,
                        bonus(run, present(bonuses.get(code))), expiring);
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
        Map<String, OpeningAndClosing> balances = fund.openingAndClosing(codes, first, last);
        Map<String, List<ClaimedMovement>> movements = fund.claimedMovements(codes, first, last,
                ClaimDetail.DESCRIPTION_SHOWN + 1);
        Map<String, BigDecimal> expiries = fund.expiredIn(year, codes);
        Map<String, AnnualBonus> annualBonuses = annualBonuses(year, array);
        StatementHeader.Approved approved = approvals.approvedYearEnd(year)
                .map(a -> new StatementHeader.Approved(a.decidedBy(), a.decidedAt())).orElse(null);
        List<SourcedStatement<AnnualStatement>> statements = new ArrayList<>(codes.size());
        for (String code : codes) {
            statements.add(SourcedStatement.of(code, () -> {
                Distributor d = present(distributors.get(code));
                StatementHeader header = new StatementHeader(issuer, code, d.name(), d.currency(),
                        "AS-" + year + "-" + code, issueDate, approved);
                OpeningAndClosing balance = balances.getOrDefault(code, OpeningAndClosing.NONE);
                return new AnnualStatement(header, year, minor(balance.opening(), d.currency()),
                        movements(movements.getOrDefault(code, List.of()), false),
                        minor(expiries.getOrDefault(code, BigDecimal.ZERO), d.currency()),
                        minor(balance.closing(), d.currency()), annualBonuses.get(code));
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

    /** The expiry is part of a quarter's movements but reported apart on the annual statement. */
    private static List<Movement> movements(List<ClaimedMovement> rows, boolean includeExpiry) {
        List<Movement> movements = new ArrayList<>(rows.size());
        for (ClaimedMovement row : rows) {
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
                case "ANNUAL" -> movements.add(Movement.annual(Integer.parseInt(row.period()), amount));
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
                    minor(decimal(c, "amount"), currency), integer(c, "days"), integer(c, "place"),
                    integer(c, "ranked")));
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

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    /** The year-end job's annual rebate rows of the year (none when the programme had no annual rebate). */
    private Map<String, AnnualBonus> annualBonuses(int year, String[] codes) {
        Map<String, AnnualBonus> bonuses = new HashMap<>();
        jdbc.query("""
                SELECT distributor_code, currency, turnover, target_amount, attainment, rung_from, rate, total,
                       explanation::text
                  FROM annual_rebate WHERE year = ? AND distributor_code = ANY (?)""", rs -> {
            String currency = rs.getString(2);
            BigDecimal rate = rs.getBigDecimal(7);
            BigDecimal rungFrom = rs.getBigDecimal(6);
            JsonNode explanation = JSON.readTree(rs.getString(9));
            Bonus.NextRung next = explanation.hasNonNull("nextRungFrom")
                    ? new Bonus.NextRung(new Rung(decimal(explanation, "nextRungFrom"),
                    decimal(explanation, "nextRungRate")), minor(decimal(explanation, "turnoverNeeded"), currency))
                    : null;
            bonuses.put(rs.getString(1), new AnnualBonus(minor(rs.getBigDecimal(3), currency),
                    minor(rs.getBigDecimal(4), currency), rs.getBigDecimal(5),
                    rungFrom == null ? null : new Rung(rungFrom, rate), rate, minor(rs.getBigDecimal(8), currency),
                    LocalDate.of(year + 1, 1, 1), next));
        }, year, codes);
        return bonuses;
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
