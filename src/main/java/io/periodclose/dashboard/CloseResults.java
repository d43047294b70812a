package io.periodclose.dashboard;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the closes calculated, as the dashboard summarises it: always the quarter's latest completed close run
 * ({@code period_close.last_run_id}), the run whose figures the {@code rebates} report shows, so a re-close replaces
 * a quarter's figures here as it does there.
 */
@Repository
public class CloseResults {

    /**
     * A closed quarter, its latest run (id, sequence: 0 never re-closed, when it started) and when that run marked
     * the quarter closed.
     */
    public record ClosedQuarter(String quarter, long runId, int sequence, OffsetDateTime runStarted,
                                LocalDate businessDate, OffsetDateTime closedAt) {
    }

    /** How many distributors' attainment reached a rung (its {@code from} %) in a quarter; null: none reached. */
    public record RungCount(String quarter, BigDecimal rungFrom, long distributors) {
    }

    /** A distributor's bonus of a quarter, its place among the distributors of its currency. */
    public record TopBonus(int place, String distributor, String name, String currency, BigDecimal total,
                           BigDecimal turnover) {
    }

    /**
     * A distributor's growth over the same quarter last year, its place among every distributor whose turnover
     * then was positive (growth is a ratio, so currencies compare); {@code percent} rounded down to 2 decimals, as
     * the calculation shows it.
     */
    public record TopGrowth(int place, String distributor, String name, String tier, String currency,
                            BigDecimal turnover, BigDecimal lastYear, BigDecimal percent) {
    }

    private record RunKey(long id, OffsetDateTime started) {
    }

    private final JdbcTemplate jdbc;
    private final Map<RunKey, List<RungCount>> rungsByRun = new ConcurrentHashMap<>();

    public CloseResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every closed quarter, oldest first. */
    public List<ClosedQuarter> closedQuarters() {
        return jdbc.query("""
                SELECT p.period, c.id, c.sequence, c.started_at, p.business_date, p.closed_at
                  FROM period_close p JOIN close_run c ON c.id = p.last_run_id
                 ORDER BY p.period""", (rs, n) -> new ClosedQuarter(rs.getString(1), rs.getLong(2), rs.getInt(3),
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, LocalDate.class),
                rs.getObject(6, OffsetDateTime.class)));
    }

    /**
     * How many distributors reached each attainment rung in a closed quarter, read from the rung the calculation
     * stored in its explanation (the ATTAINMENT component's {@code rungFrom}), so the count is the close's own
     * verdict, never a second evaluation of the ladder. No rung first, then by rung.
     *
     * <p>Reading it means parsing every explanation of the run (about 0.3 s for 20,000), so each run's counts are
     * kept once read: the rebates of a run that closed its quarter never change (a re-close is a new run). The key
     * holds the run's start as well as its id, so books wiped and closed again are never answered from the cache.
     */
    public List<RungCount> attainmentRungs(ClosedQuarter closed) {
        return rungsByRun.computeIfAbsent(new RunKey(closed.runId(), closed.runStarted()), key -> jdbc.query("""
                SELECT (component->>'rungFrom')::numeric AS rung, count(*)
                  FROM rebate r
                 CROSS JOIN LATERAL json_array_elements(r.explanation->'components') AS component
                 WHERE r.close_run_id = ? AND component->>'kind' = 'ATTAINMENT'
                 GROUP BY 1
                 ORDER BY 1 NULLS FIRST""", (rs, n) -> new RungCount(closed.quarter(), rs.getBigDecimal(1),
                rs.getLong(2)), closed.runId()));
    }

    /** The {@code limit} largest bonuses of a close run in each currency, ties by distributor code; zeros never. */
    public List<TopBonus> topByBonus(long runId, int limit) {
        return jdbc.query("""
                SELECT place, distributor_code, name, currency, total, turnover
                  FROM (SELECT r.distributor_code, d.name, r.currency, r.total, r.turnover,
                               row_number() OVER (PARTITION BY r.currency
                                                  ORDER BY r.total DESC, r.distributor_code COLLATE "C") AS place
                          FROM rebate r JOIN distributor d ON d.code = r.distributor_code
                         WHERE r.close_run_id = ? AND r.total > 0) ranked
                 WHERE place <= ?
                 ORDER BY currency, place""", (rs, n) -> new TopBonus(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), runId, limit);
    }

    /**
     * The {@code limit} distributors that grew most over the same quarter last year in a close run's turnover
     * extract (the figures its growth component used), among those whose turnover then was positive; ties by code.
     */
    public List<TopGrowth> topByGrowth(long runId, int limit) {
        return jdbc.query("""
                SELECT t.distributor_code, d.name, t.tier, t.currency, t.turnover, t.turnover_last_year
                  FROM turnover t JOIN distributor d ON d.code = t.distributor_code
                 WHERE t.close_run_id = ? AND t.turnover_last_year > 0
                 ORDER BY (t.turnover - t.turnover_last_year) / t.turnover_last_year DESC,
                          t.distributor_code COLLATE "C"
                 LIMIT ?""", (rs, n) -> {
            BigDecimal turnover = rs.getBigDecimal(5);
            BigDecimal lastYear = rs.getBigDecimal(6);
            return new TopGrowth(n + 1, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), turnover,
                    lastYear, growth(turnover, lastYear));
        }, runId, limit);
    }

    /** (T − P) / P × 100, rounded down to 2 decimals like the rebate calculation's display of it. */
    static BigDecimal growth(BigDecimal turnover, BigDecimal lastYear) {
        return turnover.subtract(lastYear).movePointRight(2).divide(lastYear, 2, RoundingMode.FLOOR);
    }
}
