package io.periodclose.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** How much of a marketing claim the bonus pays: {@code share} percent, or all of it for a key direction. */
public record CoFunding(BigDecimal share, List<String> keyDirections) {

    static final BigDecimal ALL = BigDecimal.valueOf(100);

    public CoFunding {
        Objects.requireNonNull(share, "share");
        keyDirections = List.copyOf(keyDirections);
    }

    /** The percentage of a claim in {@code direction} that the bonus pays. */
    public BigDecimal shareFor(String direction) {
        return keyDirections.contains(direction) ? ALL : share;
    }
}
