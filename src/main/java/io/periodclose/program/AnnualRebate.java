package io.periodclose.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The {@code annual} section (SPEC §8.2): a ladder of rungs on the attainment of the annual target (the sum of the
 * year's quarterly targets), each paying {@code rate} percent of the year's net turnover. An empty ladder pays
 * nothing.
 */
public record AnnualRebate(List<Rung> attainment) {

    public AnnualRebate {
        attainment = List.copyOf(attainment);
    }

    /** The highest rung whose {@code from} is at most {@code percent} of the annual target, if any is reached. */
    public Optional<Rung> highestRung(BigDecimal percent) {
        return Rung.highestReached(attainment, percent);
    }

    /** The lowest rung above {@code percent}: what more turnover would have reached. */
    public Optional<Rung> nextRung(BigDecimal percent) {
        return Rung.nextAbove(attainment, percent);
    }
}
