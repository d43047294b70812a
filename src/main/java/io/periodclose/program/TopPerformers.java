package io.periodclose.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code top-performers} section (SPEC §8.4): within each tier, the distributors whose growth over the same
 * quarter last year is at least {@code minGrowth} percent are ranked by growth; place k (1-based) earns
 * {@code places[k-1]} percent of its turnover, places beyond the list nothing.
 */
public record TopPerformers(BigDecimal minGrowth, List<BigDecimal> places) {

    public TopPerformers {
        Objects.requireNonNull(minGrowth, "minGrowth");
        places = List.copyOf(places);
    }

    /** Exact comparison, as for rungs: a growth of 9.9999 % does not qualify for a {@code min-growth} of 10. */
    public boolean qualifies(BigDecimal growthPercent) {
        return growthPercent.compareTo(minGrowth) >= 0;
    }

    /** The rate of place {@code place} (1 is the best), or empty when the programme pays that place nothing. */
    public Optional<BigDecimal> rateOfPlace(int place) {
        if (place < 1 || place > places.size()) {
            return Optional.empty();
        }
        return Optional.of(places.get(place - 1));
    }
}
