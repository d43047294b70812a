package io.periodclose.rebate;

import io.periodclose.program.Rung;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The percentage {@code numerator / denominator × 100} (denominator above 0), kept as a fraction. T / target is
 * rarely a terminating decimal (1/3), so a rung is tested by cross-multiplying, which is exact at any scale:
 * {@code numerator × 100 ≥ from × denominator}.
 */
record Percentage(BigDecimal numerator, BigDecimal denominator) {

    Percentage {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("a percentage needs a positive denominator, not " + denominator);
        }
    }

    boolean reaches(BigDecimal from) {
        return numerator.movePointRight(2).compareTo(from.multiply(denominator)) >= 0;
    }

    // Loops, not streams: called several times per distributor, mostly before the JIT has compiled anything.
    Optional<Rung> highestReached(List<Rung> rungs) {
        Rung highest = null;
        for (Rung r : rungs) {
            if ((highest == null || r.from().compareTo(highest.from()) > 0) && reaches(r.from())) {
                highest = r;
            }
        }
        return Optional.ofNullable(highest);
    }

    Optional<Rung> lowestNotReached(List<Rung> rungs) {
        Rung lowest = null;
        for (Rung r : rungs) {
            if ((lowest == null || r.from().compareTo(lowest.from()) < 0) && !reaches(r.from())) {
                lowest = r;
            }
        }
        return Optional.ofNullable(lowest);
    }

    /**
     * Two decimals rounded down (toward minus infinity): 79.999 % shows as 79.99, never as an 80.00 that did not
     * reach the 80 rung. For rungs with at most two decimals the displayed value reaches exactly the same rungs.
     */
    BigDecimal display() {
        return numerator.movePointRight(2).divide(denominator, 2, RoundingMode.FLOOR);
    }
}
