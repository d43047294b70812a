package io.periodclose.reporting;

import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.BonusFundQueries.QuarterMovements;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a year's programme report, read the way the reports read them: the cost per quarter and tier from
 * the rebate rows of each quarter's latest close run (as the {@code rebates} report), beside the turnover extract of
 * the same run (the figures its growth component used); the fund's movements per quarter from
 * {@link BonusFundQueries#movementsByQuarter} (as the dashboard); the annual rebate from {@code annual_rebate} (as
 * the {@code annual} report). One read-only transaction, so the figures are of one moment.
 */
@Service
public class ProgrammeFigures {

    /** A quarter's programme cost for the distributors of one tier and currency. */
    public record TierCost(String quarter, String currency, String tier, long distributors, BigDecimal turnover,
                           BigDecimal turnoverLastYear, BigDecimal bonus) {
    }

    /** The annual rebate of the year in one currency: how many distributors earned one, and the total. */
    public record AnnualCost(String currency, long distributors, BigDecimal total) {
    }

    /** @param closed the year's quarters with a completed close, in order */
    public record Figures(int year, List<String> closed, List<TierCost> tiers, List<QuarterMovements> fund,
                          List<AnnualCost> annual) {
    }

    private final JdbcTemplate jdbc;
    private final BonusFundQueries fund;
    private final CloseRuns closeRuns;

    public ProgrammeFigures(JdbcTemplate jdbc, BonusFundQueries fund, CloseRuns closeRuns) {
        this.jdbc = jdbc;
        this.fund = fund;
        this.closeRuns = closeRuns;
    }

    @Transactional(readOnly = true)
    public Figures of(int year) {
        List<String> closed = new ArrayList<>();
        List<TierCost> tiers = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            Quarter quarter = Quarter.parse(year + "-Q" + q);
            CloseRun run = closeRuns.latestCompleted(quarter).orElse(null);
            if (run == null) {
                continue;
            }
            closed.add(quarter.toString());
            tiers.addAll(jdbc.query("""
                    SELECT r.currency, t.tier, count(*), sum(t.turnover), sum(t.turnover_last_year), sum(r.total)
                      FROM rebate r
                      JOIN turnover t ON t.close_run_id = r.close_run_id AND t.distributor_code = r.distributor_code
                     WHERE r.close_run_id = ?
                     GROUP BY r.currency, t.tier
                     ORDER BY r.currency, array_position(ARRAY['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'], t.tier::text),
                              t.tier""", (rs, n) -> new TierCost(quarter.toString(), rs.getString(1), rs.getString(2),
                    rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), run.id()));
        }
        String prefix = year + "-Q";
        List<QuarterMovements> movements = fund.movementsByQuarter().stream()
                .filter(m -> m.quarter().startsWith(prefix)).toList();
        List<AnnualCost> annual = jdbc.query("""
                SELECT currency, count(*) FILTER (WHERE total > 0), sum(total)
                  FROM annual_rebate WHERE year = ?
                 GROUP BY currency ORDER BY currency""", (rs, n) -> new AnnualCost(rs.getString(1), rs.getLong(2),
                rs.getBigDecimal(3)), year);
        return new Figures(year, closed, tiers, movements, annual);
    }
}
