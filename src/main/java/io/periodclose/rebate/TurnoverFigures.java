package io.periodclose.rebate;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One distributor's figures for one quarter, as the extract step aggregates them (SPEC §4). Amounts are exact net
 * turnover (invoices minus credit notes) in the distributor's currency and may be zero or negative.
 *
 * @param turnover         T: net turnover dated inside the quarter
 * @param target           the quarter's target, or {@code null} when the distributor has none
 * @param lastYearTurnover P: net turnover of the same quarter a year earlier (0 when there was none)
 * @param promoTurnover    L for each promo rule, in the order of {@code BonusProgram.promos()}: net turnover of the
 *                         rule's product line dated inside both the rule's window and the quarter; 0 for a rule
 *                         whose window misses the quarter
 */
public record TurnoverFigures(
        String distributorCode,
        Quarter quarter,
        String currency,
        String tier,
        BigDecimal turnover,
        BigDecimal target,
        BigDecimal lastYearTurnover,
        List<BigDecimal> promoTurnover) {

    public TurnoverFigures {
        Objects.requireNonNull(distributorCode, "distributorCode");
        Objects.requireNonNull(quarter, "quarter");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(lastYearTurnover, "lastYearTurnover");
        Currencies.minorDigits(currency); // fail here, not halfway through a calculation
        promoTurnover = List.copyOf(promoTurnover);
    }
}
