package io.periodclose.statement;

import io.periodclose.program.Rung;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The annual rebate of the statement's year and why (SPEC §8.2), as the year-end job calculated it.
 *
 * @param turnover   TY, the year's net turnover; nothing is earned when it is not positive
 * @param target     the annual target (the sum of the quarterly targets), {@code null} when there is none
 * @param attainment the attainment % shown (two decimals, rounded down), {@code null} without TY and target > 0
 * @param rung       the annual rung reached, else {@code null}
 * @param rate       the rate paid, in percent of TY
 * @param total      the annual rebate, credited on {@code creditDate}
 * @param creditDate 1 January of the next year
 * @param nextRung   the next higher annual rung and the turnover that would have reached it, else {@code null}
 */
public record AnnualBonus(
        BigDecimal turnover,
        BigDecimal target,
        BigDecimal attainment,
        Rung rung,
        BigDecimal rate,
        BigDecimal total,
        LocalDate creditDate,
        Bonus.NextRung nextRung) {

    public AnnualBonus {
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(creditDate, "creditDate");
    }

    public boolean noPositiveTurnover() {
        return turnover.signum() <= 0;
    }
}
