package io.periodclose.program;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One year's bonus programme (SPEC §3, §8). All rates and percentages are percent values held exactly as written in
 * the file. {@link ProgramLoader} guarantees the invariants (all four tiers, rates 0–100, rungs strictly
 * ascending, promos inside the year, places not increasing); the record itself only refuses nulls, so tests can
 * build odd ones freely. The rules of §8 are optional sections: an absent one is {@link Optional#empty()} and its
 * component is 0.
 */
public record BonusProgram(
        String id,
        int year,
        Map<String, BigDecimal> tiers,
        List<Rung> attainment,
        List<Rung> growth,
        List<Promo> promos,
        BigDecimal cap,
        CoFunding coFunding,
        Optional<AnnualRebate> annual,
        Optional<EarlyPayment> earlyPayment,
        Optional<TopPerformers> topPerformers) {

    /**
     * The sections of SPEC §8 this programme holds that the close does not apply yet (the early-payment and
     * top-performer rebates): a close refuses such a programme rather than pay without them. The annual rebate is
     * not the close's: the year-end job pays it.
     */
    public List<String> rulesNotYetApplied() {
        List<String> sections = new java.util.ArrayList<>();
        earlyPayment.ifPresent(e -> sections.add("early-payment"));
        topPerformers.ifPresent(t -> sections.add("top-performers"));
        return List.copyOf(sections);
    }

    /** The partner tiers, lowest first; a programme must give a rate for every one. */
    public static final List<String> TIERS = List.of("BRONZE", "SILVER", "GOLD", "PLATINUM");

    public BonusProgram {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(coFunding, "coFunding");
        Objects.requireNonNull(annual, "annual");
        Objects.requireNonNull(earlyPayment, "earlyPayment");
        Objects.requireNonNull(topPerformers, "topPerformers");
        // Keeps the file's order for statements and logs; Map.copyOf would scramble it.
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        attainment = List.copyOf(attainment);
        growth = List.copyOf(growth);
        promos = List.copyOf(promos);
    }

    /** A programme of the quarterly ladder only (SPEC §3), without any of the rules of §8. */
    public BonusProgram(String id, int year, Map<String, BigDecimal> tiers, List<Rung> attainment, List<Rung> growth,
                        List<Promo> promos, BigDecimal cap, CoFunding coFunding) {
        this(id, year, tiers, attainment, growth, promos, cap, coFunding,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public BonusProgram withAnnual(AnnualRebate rebate) {
        return new BonusProgram(id, year, tiers, attainment, growth, promos, cap, coFunding,
                Optional.of(rebate), earlyPayment, topPerformers);
    }

    public BonusProgram withEarlyPayment(EarlyPayment rule) {
        return new BonusProgram(id, year, tiers, attainment, growth, promos, cap, coFunding,
                annual, Optional.of(rule), topPerformers);
    }

    public BonusProgram withTopPerformers(TopPerformers rule) {
        return new BonusProgram(id, year, tiers, attainment, growth, promos, cap, coFunding,
                annual, earlyPayment, Optional.of(rule));
    }

    public BonusProgram withCoFunding(CoFunding rules) {
        return new BonusProgram(id, year, tiers, attainment, growth, promos, cap, rules,
                annual, earlyPayment, topPerformers);
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
        return Rung.highestReached(attainment, percent);
    }

    /** The lowest attainment rung above {@code percent}: what the distributor could reach next. */
    public Optional<Rung> nextAttainmentRung(BigDecimal percent) {
        return Rung.nextAbove(attainment, percent);
    }

    public Optional<Rung> highestGrowthRung(BigDecimal percent) {
        return Rung.highestReached(growth, percent);
    }

    public Optional<Rung> nextGrowthRung(BigDecimal percent) {
        return Rung.nextAbove(growth, percent);
    }

    /** Whether a claim in {@code direction} may be paid from the bonus at all (SPEC §8.1). */
    public boolean isEligibleDirection(String direction) {
        return coFunding.isEligible(direction);
    }

    /** The percentage of a claim in {@code direction} that the bonus pays: 100 for a key direction, else the share. */
    public BigDecimal coFundingShare(String direction) {
        return coFunding.shareFor(direction);
    }
}
