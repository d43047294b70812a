package io.periodclose.rebate;

import io.periodclose.money.Currencies;
import io.periodclose.program.AnnualRebate;
import io.periodclose.program.Rung;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Optional;

/**
 * The annual rebate of one distributor, exactly as SPEC §8.2 defines it: when TY and the annual target are both
 * positive, the highest rung the attainment (TY / target × 100, compared exactly) reaches pays its rate of TY,
 * rounded HALF_UP to the currency's minor unit; otherwise 0. Not capped. Pure and stateless, so a restarted
 * partition computes the same figures from the same inputs.
 */
public final class AnnualRebateCalculator {

    private AnnualRebateCalculator() {
    }

    public static AnnualRebateCalculation calculate(AnnualRebate rule, AnnualFigures figures) {
        String currency = figures.currency();
        BigDecimal ty = figures.turnover();
        BigDecimal target = figures.target();
        BigDecimal zero = Currencies.round(BigDecimal.ZERO, currency);
        if (ty.signum() <= 0) {
            return new AnnualRebateCalculation(figures, null, null, BigDecimal.ZERO, zero, null,
                    "no positive turnover in " + figures.year() + " (turnover " + Currencies.format(ty, currency)
                            + ")");
        }
        if (target == null || target.signum() <= 0) {
            return new AnnualRebateCalculation(figures, null, null, BigDecimal.ZERO, zero, null,
                    target == null ? "no target in " + figures.year()
                            : "no annual target (the targets of " + figures.year() + " sum to "
                            + Currencies.format(target, currency) + ")");
        }
        Percentage attained = new Percentage(ty, target);
        String what = "attainment " + attained.display().toPlainString() + "% of the annual target "
                + Currencies.format(target, currency);
        NextRung next = attained.lowestNotReached(rule.attainment())
                .map(r -> new NextRung(r, turnoverNeeded(target, r, ty, currency)))
                .orElse(null);
        Optional<Rung> reached = attained.highestReached(rule.attainment());
        if (reached.isEmpty()) {
            String why = rule.attainment().stream().map(Rung::from).min(Comparator.naturalOrder())
                    .map(lowest -> " is below the lowest rung (" + lowest.toPlainString() + "%)")
                    .orElse(": the programme has no annual rungs");
            return new AnnualRebateCalculation(figures, attained.display(), null, BigDecimal.ZERO, zero, next,
                    what + why);
        }
        Rung rung = reached.get();
        BigDecimal total = Currencies.round(ty.multiply(rung.rate()).movePointLeft(2), currency);
        return new AnnualRebateCalculation(figures, attained.display(), rung, rung.rate(), total, next,
                what + " reaches the " + rung.from().toPlainString() + "% rung: " + rung.rate().toPlainString()
                        + "% of turnover " + Currencies.format(ty, currency));
    }

    /** target × from / 100 − TY, rounded up to the minor unit so that TY plus it really reaches the rung. */
    private static BigDecimal turnoverNeeded(BigDecimal target, Rung rung, BigDecimal ty, String currency) {
        return target.multiply(rung.from()).movePointLeft(2).subtract(ty)
                .setScale(Currencies.minorDigits(currency), RoundingMode.CEILING);
    }
}
