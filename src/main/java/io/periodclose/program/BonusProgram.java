package io.periodclose.program;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One year's bonus programme (SPEC §3). All rates and percentages are percent values held exactly as written in
 * the file. {@link ProgramLoader} guarantees the invariants (all four tiers, rates 0–100, rungs strictly
 * ascending, promos inside the year); the record itself only refuses nulls, so tests can build odd ones freely.
 */
public record BonusProgram(
        String id,
        int year,
        Map<String, BigDecimal> tiers,
        List<Rung> attainment,
        List<Rung> growth,
        List<Promo> promos,
        BigDecimal cap,
        CoFunding coFunding) {

    /** The partner tiers, lowest first; a programme must give a rate for every one. */
    public static final List<String> TIERS = List.of("BRONZE", "SILVER", "GOLD", "PLATINUM");

    public BonusProgram {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(coFunding, "coFunding");
        // Keeps the file's order for statements and logs; Map.copyOf would scramble it.
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        attainment = List.copyOf(attainment);
        growth = List.copyOf(growth);
        promos = List.copyOf(promos);
    }

    /** The base bonus rate, in percent of turnover, of a partner tier such as {@code GOLD}. */
    public BigDecimal tierRate(String tier) {
        BigDecimal rate = tiers.get(tier);
        if (rate == null) {
            throw new IllegalArgumentException("programme " + id + " has no rate for tier '" + tier
                    + "'; tiers are " + String.join(", ", tiers.keySet()));
        }
        return rate;
    }

    /** The highest attainment rung whose {@code from} is at most {@code percent}, if any is reached. */
    public Optional<Rung> highestAttainmentRung(BigDecimal percent) {
        return highestReached(attainment, percent);
    }

    /** The lowest attainment rung above {@code percent}: what the distributor could reach next. */
    public Optional<Rung> nextAttainmentRung(BigDecimal percent) {
        return nextAbove(attainment, percent);
    }

    public Optional<Rung> highestGrowthRung(BigDecimal percent) {
        return highestReached(growth, percent);
    }

    public Optional<Rung> nextGrowthRung(BigDecimal percent) {
        return nextAbove(growth, percent);
    }

    /** The percentage of a claim in {@code direction} that the bonus pays: 100 for a key direction, else the share. */
    public BigDecimal coFundingShare(String direction) {
        return coFunding.shareFor(direction);
    }

    // Both searches ignore list order, so a hand-built programme with unsorted rungs still answers correctly.
    private static Optional<Rung> highestReached(List<Rung> rungs, BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        return rungs.stream().filter(r -> r.reachedBy(percent)).max(Comparator.comparing(Rung::from));
    }

    private static Optional<Rung> nextAbove(List<Rung> rungs, BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        return rungs.stream().filter(r -> !r.reachedBy(percent)).min(Comparator.comparing(Rung::from));
    }
}
