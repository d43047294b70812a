package io.periodclose.dashboard;

import io.periodclose.dashboard.CloseResults.ClosedQuarter;
import io.periodclose.dashboard.CloseResults.TopBonus;
import io.periodclose.dashboard.CloseResults.TopGrowth;
import io.periodclose.money.Currencies;
import io.periodclose.ops.JobHistory.ExecutionRow;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the landing page of {@code serve} shows, amounts as the books hold them (four decimals; sums of
 * entries already rounded to the minor unit) with {@code text(...)} writing them as the reports do.
 *
 * @param currencies  each currency's fund over all time, with its utilisation
 * @param quarters    each currency's fund per quarter, oldest first
 * @param rungs       distributors per attainment rung, per closed quarter
 * @param latest      the latest closed quarter, null before the first close
 * @param topByBonus  the latest closed quarter's largest bonuses, per currency
 * @param topByGrowth the latest closed quarter's strongest growth over the same quarter last year
 * @param latestClose the newest execution of the close job, null before any
 * @param fundChart   accrued, spent and expired per quarter as SVG
 * @param rungChart   distributors per attainment rung of the latest closed quarters as SVG
 */
public record Dashboard(List<CurrencyFund> currencies, List<QuarterFund> quarters, RungTable rungs,
                        ClosedQuarter latest, List<TopBonus> topByBonus, List<TopGrowth> topByGrowth,
                        ExecutionRow latestClose, String fundChart, String rungChart) {

    /**
     * A currency's fund of all time: accrued (quarterly bonuses net of re-closes, and annual rebates), spent on
     * claims, expired at year-ends, the balance now, and utilisation = spent / accrued in %, one decimal (null when
     * nothing was accrued).
     */
    public record CurrencyFund(String currency, BigDecimal accrued, BigDecimal spent, BigDecimal expired,
                               BigDecimal balance, BigDecimal utilisation) {

        public String text(BigDecimal amount) {
            return Currencies.format(amount, currency);
        }

        public String utilisationText() {
            return utilisation == null ? "–" : utilisation.toPlainString() + " %";
        }
    }

    /**
     * A currency's fund in a quarter: the quarter's bonus accrued (ACCRUAL and ADJUSTMENT entries for it), the
     * annual rebate of the year in its fourth quarter, claims of the quarter covered, the year's expiry in its fourth
     * quarter, and the balance at the end of the quarter's last day.
     */
    public record QuarterFund(String quarter, String currency, BigDecimal accrued, BigDecimal annual,
                              BigDecimal spent, BigDecimal expired, BigDecimal balance) {

        public String text(BigDecimal amount) {
            return Currencies.format(amount, currency);
        }
    }

    /** Distributors per attainment rung: one column per rung any closed quarter used, one row per quarter. */
    public record RungTable(List<String> rungs, List<RungRow> rows) {
    }

    public record RungRow(String quarter, List<Long> counts) {
    }

    public String text(BigDecimal amount, String currency) {
        return Currencies.format(amount, currency);
    }
}
