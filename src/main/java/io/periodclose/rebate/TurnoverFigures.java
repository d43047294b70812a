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
 * @param earlyPaid        E (SPEC §8.3): the quarter's payments of invoices made at least the programme's
 *                         {@code days} before their due date; 0 when the programme has no early-payment rule
 * @param growthPlace      the distributor's place among the top performers of its tier (SPEC §8.4), or {@code null}
 *                         when it does not rank or the programme has no such rule
 */
public record TurnoverFigures(
        String distributorCode,
        Quarter quarter,
        String currency,
        String tier,
        BigDecimal turnover,
        BigDecimal target,
        BigDecimal lastYearTurnover,
        List<BigDecimal> promoTurnover,
        BigDecimal earlyPaid,
        GrowthPlace growthPlace) {

    /** Place {@code place} of the {@code ranked} distributors of the tier that rank by growth. */
    public record GrowthPlace(int place, int ranked) {

        public GrowthPlace {
            if (place < 1 || place > ranked) {
                throw new IllegalArgumentException("place " + place + " of " + ranked);
            }
        }
    }

    /** Figures without payments or ranking: a programme with neither rule. */
    public TurnoverFigures(String distributorCode, Quarter quarter, String currency, String tier, BigDecimal turnover,
                           BigDecimal target, BigDecimal lastYearTurnover, List<BigDecimal> promoTurnover) {
        this(distributorCode, quarter, currency, tier, turnover, target, lastYearTurnover, promoTurnover,
                BigDecimal.ZERO, null);
    }

    public TurnoverFigures {
        Objects.requireNonNull(distributorCode, "distributorCode");
        Objects.requireNonNull(quarter, "quarter");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(lastYearTurnover, "lastYearTurnover");
        Objects.requireNonNull(earlyPaid, "earlyPaid");
        Currencies.minorDigits(currency); // fail here, not halfway through a calculation
        promoTurnover = List.copyOf(promoTurnover);
    }
}
