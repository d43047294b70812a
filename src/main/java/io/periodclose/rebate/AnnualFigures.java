package io.periodclose.rebate;

import io.periodclose.money.Currencies;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One distributor's figures for the annual rebate of a year (SPEC §8.2).
 *
 * @param turnover TY: net turnover (invoices minus credit notes) of every sales line dated in the year; may be zero
 *                 or negative
 * @param target   the annual target, the sum of the year's quarterly targets (a missing quarter counts 0), or
 *                 {@code null} when the distributor has no target in any quarter of the year
 */
public record AnnualFigures(String distributorCode, int year, String currency, BigDecimal turnover,
                            BigDecimal target) {

    public AnnualFigures {
        Objects.requireNonNull(distributorCode, "distributorCode");
        Objects.requireNonNull(turnover, "turnover");
        Currencies.minorDigits(currency); // fail here, not halfway through a calculation
    }
}
