package io.periodclose.rebate;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.CoFunding;
import io.periodclose.program.EarlyPayment;
import io.periodclose.program.Rung;
import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.RebateComponent.Kind;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The early-payment (SPEC §8.3) and top-performer (§8.4) components, every figure worked out by hand. */
class ProgrammeRulesCalculatorTest {

    private static final Quarter Q1 = new Quarter(2027, 1);

    /** SPEC §3's ladder with §8.3 (10 days, 0.5 %) and §8.4 (min growth 10 %, places 1 / 0.5 / 0.25 %). */
    private static final BonusProgram PROGRAM = new BonusProgram("MB-2027", 2027,
            Map.of("BRONZE", d("0.5"), "SILVER", d("1.0"), "GOLD", d("1.5"), "PLATINUM", d("2.0")),
            List.of(new Rung(d("80"), d("2.0")), new Rung(d("100"), d("5.0"))),
            List.of(new Rung(d("10"), d("0.5")), new Rung(d("25"), d("1.0"))),
            List.of(), d("5.0"), new CoFunding(d("50"), List.of("CATALOGUES")),
            Optional.empty(), Optional.of(new EarlyPayment(10, d("0.5"))),
            Optional.of(new TopPerformers(d("10"), List.of(d("1.0"), d("0.5"), d("0.25")))));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static TurnoverFigures figures(String tier, String t, String target, String p, String earlyPaid,
                                           GrowthPlace place) {
        return new TurnoverFigures("D001", Q1, "EUR", tier, d(t), target == null ? null : d(target), d(p), List.of(),
                d(earlyPaid), place);
    }

    private static RebateComponent component(RebateCalculation calculation, Kind kind) {
        return calculation.components().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void earlyPaymentIsTheRateOfThePaymentsMadeEarlyEnoughRoundedHalfUp() {
        // 0.5 % of 3,333.33 = 16.66665 → 16.67; base 0.5 % of 10,000.00 = 50.00
        RebateCalculation c = RebateCalculator.calculate(PROGRAM, figures("BRONZE", "10000.00", null, "0", "3333.33",
                null));
        RebateComponent early = component(c, Kind.EARLY_PAYMENT);
        assertThat(early.amount()).isEqualTo(d("16.67"));
        assertThat(early.base()).isEqualTo(d("3333.33"));
        assertThat(early.rate()).isEqualTo(d("0.5"));
        assertThat(early.days()).isEqualTo(10);
        assertThat(early.explanation()).isEqualTo("0.5% of payments 3333.33 made at least 10 days before the due date");
        assertThat(c.total()).isEqualTo(d("66.67"));
    }

    @Test
    void noEarlyPaymentAndNoPositiveTurnoverEarnNothing() {
        RebateComponent none = component(RebateCalculator.calculate(PROGRAM,
                figures("BRONZE", "10000.00", null, "0", "0", null)), Kind.EARLY_PAYMENT);
        assertThat(none.amount()).isEqualTo(d("0.00"));
        assertThat(none.explanation()).isEqualTo("no payment made at least 10 days before the due date");

        // SPEC §4: T ≤ 0 makes every component 0, the early payment included
        RebateCalculation negative = RebateCalculator.calculate(PROGRAM,
                figures("BRONZE", "-5.00", null, "0", "1000.00", null));
        assertThat(component(negative, Kind.EARLY_PAYMENT).amount()).isEqualTo(d("0.00"));
        assertThat(negative.total()).isEqualTo(d("0.00"));
    }

    @Test
    void aPlacePaysItsRateOfTurnoverAndSaysWhereItStands() {
        // GOLD, T 20,000.00, P 16,000.00: growth 25 % → 1.0 % = 200.00; base 1.5 % = 300.00; place 2 → 0.5 % = 100.00
        RebateCalculation c = RebateCalculator.calculate(PROGRAM, figures("GOLD", "20000.00", null, "16000.00", "0",
                new GrowthPlace(2, 14)));
        RebateComponent top = component(c, Kind.TOP_PERFORMER);
        assertThat(top.amount()).isEqualTo(d("100.00"));
        assertThat(top.rate()).isEqualTo(d("0.5"));
        assertThat(top.place()).isEqualTo(new GrowthPlace(2, 14));
        assertThat(top.explanation()).isEqualTo(
                "place 2 of 14 in GOLD by growth (25.00%): 0.5% of turnover 20000.00");
        assertThat(c.total()).isEqualTo(d("600.00"));
    }

    @Test
    void aPlaceBeyondTheListEarnsNothing() {
        RebateComponent top = component(RebateCalculator.calculate(PROGRAM, figures("GOLD", "20000.00", null,
                "16000.00", "0", new GrowthPlace(4, 14))), Kind.TOP_PERFORMER);
        assertThat(top.amount()).isEqualTo(d("0.00"));
        assertThat(top.explanation()).isEqualTo("place 4 of 14 in GOLD by growth (25.00%): the programme pays the"
                + " first 3 places");
    }

    @Test
    void growthBelowTheMinimumDoesNotRank() {
        // T 10,999.00 over P 10,000.00: 9.99 %
        RebateComponent top = component(RebateCalculator.calculate(PROGRAM, figures("GOLD", "10999.00", null,
                "10000.00", "0", null)), Kind.TOP_PERFORMER);
        assertThat(top.amount()).isEqualTo(d("0.00"));
        assertThat(top.explanation()).isEqualTo("growth 9.99% is below the 10% the top performers need");
    }

    @Test
    void theCapBindsOverTheNewComponents() {
        // SILVER, T 10,000.00, target 12,000.00 (83.33 % → 2 %: 200.00), P 8,000.00 (25 % → 1 %: 100.00),
        // base 1 % = 100.00: the ladder is 400.00, under the cap of 500.00. Early 0.5 % of 10,000.00 = 50.00 and
        // place 1 → 1 % = 100.00 make 550.00, capped at 500.00.
        RebateCalculation c = RebateCalculator.calculate(PROGRAM, figures("SILVER", "10000.00", "12000.00", "8000.00",
                "10000.00", new GrowthPlace(1, 1)));
        assertThat(c.uncapped()).isEqualTo(d("550.00"));
        assertThat(c.capApplied()).isTrue();
        assertThat(c.total()).isEqualTo(d("500.00"));
    }

    @Test
    void aPlaceTheRuleDoesNotGiveIsRefused() {
        // 9.99 % growth cannot hold a place: the ranking and the calculation disagree, which must never pass silently
        assertThatThrownBy(() -> RebateCalculator.calculate(PROGRAM, figures("GOLD", "10999.00", null, "10000.00", "0",
                new GrowthPlace(1, 1)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D001");
        assertThatThrownBy(() -> RebateCalculator.calculate(PROGRAM, figures("GOLD", "12000.00", null, "10000.00", "0",
                null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProgrammeWithoutTheRulesListsNeitherComponent() {
        BonusProgram ladderOnly = new BonusProgram("MB-2027", 2027, PROGRAM.tiers(), PROGRAM.attainment(),
                PROGRAM.growth(), List.of(), d("5.0"), PROGRAM.coFunding());
        RebateCalculation c = RebateCalculator.calculate(ladderOnly, figures("GOLD", "20000.00", null, "16000.00",
                "5000.00", null));
        assertThat(c.components()).extracting(RebateComponent::kind)
                .containsExactly(Kind.BASE, Kind.ATTAINMENT, Kind.GROWTH);
        assertThat(c.total()).isEqualTo(d("500.00"));
    }
}
