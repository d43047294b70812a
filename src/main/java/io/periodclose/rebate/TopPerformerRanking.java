package io.periodclose.rebate;

import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The top performers of a quarter (SPEC §8.4): within each tier, the distributors with T > 0, P > 0 and growth at
 * least {@code min-growth} percent, by growth descending, ties by distributor code ascending. Growth is compared as
 * the fraction (T − P) / P by cross-multiplying, never as a rounded decimal, so two distributors whose growth
 * differs in the tenth decimal are never tied.
 *
 * <p>It needs every distributor of a tier at once, which no partition has; the extract step ranks before the
 * partitioned calculation, and each calculation then reads its own place.
 */
public final class TopPerformerRanking {

    /** What the ranking needs of one distributor. */
    public record Candidate(String code, String tier, BigDecimal turnover, BigDecimal lastYearTurnover) {
    }

    private static final Comparator<Candidate> BY_GROWTH_DESCENDING = (a, b) ->
            // (Tb − Pb) / Pb versus (Ta − Pa) / Pa, both denominators positive
            b.turnover().subtract(b.lastYearTurnover()).multiply(a.lastYearTurnover())
                    .compareTo(a.turnover().subtract(a.lastYearTurnover()).multiply(b.lastYearTurnover()));

    /** Code points, as PostgreSQL's "C" collation and the reports order codes, not UTF-16 units. */
    private static final Comparator<Candidate> BY_CODE = (a, b) -> compareCodePoints(a.code(), b.code());

    private TopPerformerRanking() {
    }

    public static boolean qualifies(TopPerformers rule, TurnoverFigures figures) {
        return qualifies(rule, figures.turnover(), figures.lastYearTurnover());
    }

    static boolean qualifies(TopPerformers rule, BigDecimal t, BigDecimal p) {
        return t.signum() > 0 && p.signum() > 0 && new Percentage(t.subtract(p), p).reaches(rule.minGrowth());
    }

    /** The place of every distributor that ranks, by code; the others are absent. */
    public static Map<String, GrowthPlace> rank(TopPerformers rule, List<Candidate> candidates) {
        Map<String, List<Candidate>> byTier = new TreeMap<>();
        for (Candidate c : candidates) {
            if (qualifies(rule, c.turnover(), c.lastYearTurnover())) {
                byTier.computeIfAbsent(c.tier(), tier -> new ArrayList<>()).add(c);
            }
        }
        Map<String, GrowthPlace> places = new HashMap<>();
        for (List<Candidate> tier : byTier.values()) {
            tier.sort(BY_GROWTH_DESCENDING.thenComparing(BY_CODE));
            for (int i = 0; i < tier.size(); i++) {
                places.put(tier.get(i).code(), new GrowthPlace(i + 1, tier.size()));
            }
        }
        return places;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
