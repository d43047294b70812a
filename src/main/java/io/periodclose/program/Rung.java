package io.periodclose.program;

import java.math.BigDecimal;
import java.util.Objects;

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
}
