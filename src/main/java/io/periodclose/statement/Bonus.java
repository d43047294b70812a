package io.periodclose.statement;

import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateCalculation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The bonus the distributor earned for the statement's quarter and why (SPEC §4).
 *
 * @param turnover         T, the quarter's net turnover; the bonus is 0 when it is not positive
 * @param target           the quarter's target, {@code null} when there is none
 * @param lastYearTurnover the same quarter's turnover a year earlier
 * @param tier             the partner tier the BASE rate came from
 * @param capRate          the cap in percent of T
 * @param capAmount        round(T × capRate / 100)
 * @param capApplied       whether the cap lowered the total
 * @param creditDate       when the total is credited to the fund: the first day after the quarter
 * @param nextRung         the next attainment rung and the turnover that would have reached it, else {@code null}
 */
public record Bonus(
        BigDecimal turnover,
        BigDecimal target,
        BigDecimal lastYearTurnover,
        String tier,
        List<BonusComponent> components,
        BigDecimal uncapped,
        BigDecimal capRate,
        BigDecimal capAmount,
        boolean capApplied,
        BigDecimal total,
        LocalDate creditDate,
        NextRung nextRung) {

    /** A higher attainment rung and the extra turnover that would have reached it. */
    public record NextRung(Rung rung, BigDecimal turnoverNeeded) {
        public NextRung {
            Objects.requireNonNull(rung, "rung");
            Objects.requireNonNull(turnoverNeeded, "turnoverNeeded");
        }
    }

    public Bonus {
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(lastYearTurnover, "lastYearTurnover");
        Objects.requireNonNull(tier, "tier");
        components = List.copyOf(components);
        Objects.requireNonNull(uncapped, "uncapped");
        Objects.requireNonNull(capRate, "capRate");
        Objects.requireNonNull(capAmount, "capAmount");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(creditDate, "creditDate");
    }

    /** The close's calculation, as the statement shows it. */
    public static Bonus of(RebateCalculation c) {
        var f = c.figures();
        NextRung next = c.nextRung() == null ? null
                : new NextRung(c.nextRung().rung(), c.nextRung().turnoverNeeded());
        return new Bonus(f.turnover(), f.target(), f.lastYearTurnover(), f.tier(),
                c.components().stream().map(BonusComponent::of).toList(), c.uncapped(), c.capRate(), c.capAmount(),
                c.capApplied(), c.total(), f.quarter().dayAfter(), next);
    }

    /** T ≤ 0: every component is 0 and the statement says so instead of listing zeros without a reason. */
    public boolean noPositiveTurnover() {
        return turnover.signum() <= 0;
    }
}
