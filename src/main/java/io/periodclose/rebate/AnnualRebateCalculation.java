package io.periodclose.rebate;

import io.periodclose.program.Rung;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A distributor's annual rebate of a year and why: what the year-end job stores, posts and the annual statement
 * explains.
 *
 * @param attainment the attainment % of the annual target, two decimals rounded down as {@link Percentage} shows
 *                   it; {@code null} without positive turnover and a positive target
 * @param rung       the highest rung reached, else {@code null}
 * @param rate       the rate paid, in percent of TY (0 when no rung is reached)
 * @param total      round(TY × rate / 100), HALF_UP to the currency's minor unit; never capped
 * @param nextRung   the next higher rung and the turnover still needed for it, else {@code null}
 * @param explanation one sentence saying why, in English, for logs and the stored explanation
 */
public record AnnualRebateCalculation(AnnualFigures figures, BigDecimal attainment, Rung rung, BigDecimal rate,
                                      BigDecimal total, NextRung nextRung, String explanation) {

    public AnnualRebateCalculation {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** The annual rebate is credited on the first day of the next year, so it is spent then, not expired with Y. */
    public static LocalDate creditDate(int year) {
        return LocalDate.of(year + 1, 1, 1);
    }

    public LocalDate creditDate() {
        return creditDate(figures.year());
    }
}
