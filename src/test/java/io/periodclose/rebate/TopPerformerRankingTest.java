package io.periodclose.rebate;

import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TopPerformerRanking.Candidate;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §8.4's ranking, with growth worked out by hand as (T − P) / P. */
class TopPerformerRankingTest {

    private static final TopPerformers RULE = new TopPerformers(new BigDecimal("10"),
            List.of(new BigDecimal("1.0"), new BigDecimal("0.5"), new BigDecimal("0.25")));

    private static Candidate gold(String code, String t, String p) {
        return new Candidate(code, "GOLD", new BigDecimal(t), new BigDecimal(p));
    }

    @Test
    void ranksWithinEachTierByGrowthDescendingTiesByCode() {
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(RULE, List.of(
                gold("G3", "120.00", "100.00"),      // 20 %
                gold("G1", "240.00", "200.00"),      // 20 %: ties with G3, G1 comes first by code
                gold("G2", "150.00", "100.00"),      // 50 %
                new Candidate("S1", "SILVER", new BigDecimal("300.00"), new BigDecimal("100.00")))); // 200 %, alone
        assertThat(places).containsExactlyInAnyOrderEntriesOf(Map.of(
                "G2", new GrowthPlace(1, 3), "G1", new GrowthPlace(2, 3), "G3", new GrowthPlace(3, 3),
                "S1", new GrowthPlace(1, 1)));
    }

    @Test
    void comparesGrowthExactlyNotAsARoundedDecimal() {
        // G1: 1/3 = 33.333…%; G2: (4,000,000,000,000,001 − 3,000,000,000,000,000) / 3,000,000,000,000,000 is larger
        // by 1/3,000,000,000,000,000, invisible in 16 significant digits. G2 ranks first although G1 wins a tie.
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(RULE, List.of(
                gold("G1", "4.00", "3.00"),
                gold("G2", "4000000000000001", "3000000000000000")));
        assertThat(places).containsEntry("G2", new GrowthPlace(1, 2)).containsEntry("G1", new GrowthPlace(2, 2));
    }

    @Test
    void onlyPositiveTurnoverBothYearsAndGrowthAtLeastTheMinimumRank() {
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(RULE, List.of(
                gold("EXACT", "110.00", "100.00"),   // exactly 10 %: ranks
                gold("HAIR", "109.99", "100.00"),    // 9.99 %: does not
                gold("NEW", "500.00", "0.00"),       // no turnover last year
                gold("LOSS", "-10.00", "100.00"),    // no positive turnover
                gold("WAS", "100.00", "-50.00")));   // last year negative
        assertThat(places).containsOnlyKeys("EXACT");
    }

    @Test
    void codesCompareByCodePointAsTheReportsSortThem() {
        // 'Z' (U+005A) < 'a' (U+0061) < 'Д' (U+0414): same growth, so the order is the codes'
        Map<String, GrowthPlace> places = TopPerformerRanking.rank(RULE, List.of(
                gold("Д1", "200.00", "100.00"), gold("a1", "200.00", "100.00"), gold("Z1", "200.00", "100.00")));
        assertThat(places).containsEntry("Z1", new GrowthPlace(1, 3)).containsEntry("a1", new GrowthPlace(2, 3))
                .containsEntry("Д1", new GrowthPlace(3, 3));
    }
}
