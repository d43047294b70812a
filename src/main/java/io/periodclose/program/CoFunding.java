package io.periodclose.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a marketing claim the bonus pays: {@code share} percent, or all of it for a key direction. When
 * {@code eligible} is present (SPEC §8.1), the bonus pays only claims in those directions or in a key direction;
 * absent, it pays every direction. An empty list leaves only the key directions eligible.
 */
public record CoFunding(BigDecimal share, List<String> keyDirections, Optional<List<String>> eligible) {

    static final BigDecimal ALL = BigDecimal.valueOf(100);

    public CoFunding {
        Objects.requireNonNull(share, "share");
        keyDirections = List.copyOf(keyDirections);
        eligible = Objects.requireNonNull(eligible, "eligible").map(List::copyOf);
    }

    /** Co-funding without a list of eligible directions: every direction is eligible. */
    public CoFunding(BigDecimal share, List<String> keyDirections) {
        this(share, keyDirections, Optional.empty());
    }

    /** The same co-funding, paying only {@code directions} and the key directions. */
    public CoFunding withEligible(List<String> directions) {
        return new CoFunding(share, keyDirections, Optional.of(directions));
    }

    /** Whether the bonus pays claims in {@code direction} at all. */
    public boolean isEligible(String direction) {
        return keyDirections.contains(direction) || eligible.map(list -> list.contains(direction)).orElse(true);
    }

    /** The percentage of a claim in {@code direction} that the bonus pays. */
    public BigDecimal shareFor(String direction) {
        return keyDirections.contains(direction) ? ALL : share;
    }
}
