package io.periodclose.rebate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A distributor's bonus for a quarter (SPEC §4). All amounts carry exactly the currency's minor digits.
 *
 * @param components BASE, ATTAINMENT, GROWTH, then one PROMO per promo rule whose window overlaps the quarter
 * @param uncapped   the sum of the rounded components
 * @param capRate    the programme's cap, in percent of T
 * @param capAmount  round(T × cap / 100); 0 when T ≤ 0
 * @param capApplied whether the cap lowered the total (uncapped above capAmount)
 * @param total      min(uncapped, capAmount): what is accrued
 * @param nextRung   the next attainment rung and the turnover still needed for it; {@code null} when there is no
 *                   target above 0 or no higher rung
 */
public record RebateCalculation(
        String programId,
        TurnoverFigures figures,
        List<RebateComponent> components,
        BigDecimal uncapped,
        BigDecimal capRate,
        BigDecimal capAmount,
        boolean capApplied,
        BigDecimal total,
        NextRung nextRung) {

    public RebateCalculation {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(figures, "figures");
        components = List.copyOf(components);
        Objects.requireNonNull(uncapped, "uncapped");
        Objects.requireNonNull(capRate, "capRate");
        Objects.requireNonNull(capAmount, "capAmount");
        Objects.requireNonNull(total, "total");
    }

    /** T ≤ 0: every component is 0 and the statement says "no positive turnover". */
    public boolean noPositiveTurnover() {
        return figures.turnover().signum() <= 0;
    }

    /** The sum of the components of one kind, e.g. all promos for the {@code rebates} report. */
    public BigDecimal sum(RebateComponent.Kind kind) {
        return components.stream().filter(c -> c.kind() == kind).map(RebateComponent::amount)
                .reduce(BigDecimal.ZERO.setScale(uncapped.scale()), BigDecimal::add);
    }
}
