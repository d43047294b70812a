package io.periodclose.rebate;

import io.periodclose.program.Rung;

import java.math.BigDecimal;

/**
 * The next attainment rung above the one reached, and the extra turnover that would have reached it: rounded up to
 * the currency's minor unit, so that T + turnoverNeeded really reaches the rung.
 */
public record NextRung(Rung rung, BigDecimal turnoverNeeded) {
}
