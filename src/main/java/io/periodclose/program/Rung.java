package io.periodclose.program;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an attainment or growth ladder: reaching {@code from} percent earns {@code rate} percent of turnover.
 * {@code from} may exceed 100 (attainment of 120 % of target, growth of 150 %), {@code rate} is 0–100.
 */
public record Rung(BigDecimal from, BigDecimal rate) {

    public Rung {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(rate, "rate");
    }

    /** Exact comparison, so that 79.9999 never reaches an 80 rung however the figures were scaled. */
    public boolean reachedBy(BigDecimal percent) {
        return from.compareTo(percent) <= 0;
    }

    // Both searches ignore list order, so a hand-built programme with unsorted rungs still answers correctly.

    /** The rung of {@code rungs} with the largest {@code from} that {@code percent} reaches, if any. */
    public static Optional<Rung> highestReached(List<Rung> rungs, BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        return rungs.stream().filter(r -> r.reachedBy(percent)).max(Comparator.comparing(Rung::from));
    }

    /** The rung of {@code rungs} with the smallest {@code from} that {@code percent} does not reach yet, if any. */
    public static Optional<Rung> nextAbove(List<Rung> rungs, BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        return rungs.stream().filter(r -> !r.reachedBy(percent)).min(Comparator.comparing(Rung::from));
    }
}
