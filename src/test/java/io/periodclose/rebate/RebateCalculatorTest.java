package io.periodclose.rebate;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.CoFunding;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateComponent.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every expected figure below is worked out by hand in the comment next to it, never by the code under test. */
class RebateCalculatorTest {

    private static final Quarter Q1 = new Quarter(2026, 1);
    private static final Quarter Q2 = new Quarter(2026, 2);
    private static final Quarter Q3 = new Quarter(2026, 3);

    private static final Promo PRINTERS = new Promo("PRINTERS", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31), d("1.0"));

    /** The programme of SPEC §3. */
    private static final BonusProgram MB_2026 = new BonusProgram("MB-2026", 2026,
            Map.of("BRONZE", d("0.5"), "SILVER", d("1.0"), "GOLD", d("1.5"), "PLATINUM", d("2.0")),
            List.of(rung("80", "2.0"), rung("100", "5.0")),
            List.of(rung("10", "0.5"), rung("25", "1.0")),
            List.of(PRINTERS),
            d("5.0"),
            new CoFunding(d("50"), List.of("CATALOGUES", "TRADE_SHOWS")));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Rung rung(String from, String rate) {
        return new Rung(d(from), d(rate));
    }

    private static TurnoverFigures figures(Quarter quarter, String currency, String tier, String t, String target,
                                           String p, String... promoTurnover) {
        return new TurnoverFigures("D001", quarter, currency, tier, d(t), target == null ? null : d(target), d(p),
                List.of(promoTurnover).stream().map(BigDecimal::new).toList());
    }

    /** EUR, BRONZE (0.5 %), no growth (P = 0), in Q3 where the PRINTERS promo does not apply. */
    private static RebateCalculation bronze(String t, String target) {
        return RebateCalculator.calculate(MB_2026, figures(Q3, "EUR", "BRONZE", t, target, "0", "0"));
    }

    private static RebateComponent component(RebateCalculation calculation, Kind kind) {
        return calculation.components().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void workedExampleWhereTheCapBinds() {
        // GOLD, Q2 (the PRINTERS promo covers April and May), T 120000.00, target 100000.00, P 100000.00, L 20000.00
        RebateCalculation c = RebateCalculator.calculate(MB_2026,
                figures(Q2, "EUR", "GOLD", "120000.00", "100000.00", "100000.00", "20000.00"));

        assertThat(c.components()).extracting(RebateComponent::kind)
                .containsExactly(Kind.BASE, Kind.ATTAINMENT, Kind.GROWTH, Kind.PROMO);

        RebateComponent base = component(c, Kind.BASE); // 120000.00 × 1.5 / 100 = 1800.00
        assertThat(base.amount()).isEqualTo(d("1800.00"));
        assertThat(base.base()).isEqualTo(d("120000.00"));
        assertThat(base.rate()).isEqualTo(d("1.5"));
        assertThat(base.explanation()).isEqualTo("1.5% of turnover 120000.00 (tier GOLD)");

        RebateComponent attainment = component(c, Kind.ATTAINMENT); // 120 % reaches the 100 rung: 5.0 % = 6000.00
        assertThat(attainment.amount()).isEqualTo(d("6000.00"));
        assertThat(attainment.percent()).isEqualTo(d("120.00"));
        assertThat(attainment.rung()).isEqualTo(rung("100", "5.0"));
        assertThat(attainment.rate()).isEqualTo(d("5.0"));
        assertThat(attainment.explanation())
                .isEqualTo("attainment 120.00% of target 100000.00 reaches the 100% rung: 5.0% of turnover 120000.00");

        RebateComponent growth = component(c, Kind.GROWTH); // (120000 − 100000) / 100000 = 20 %: 10 rung, 0.5 % = 600.00
        assertThat(growth.amount()).isEqualTo(d("600.00"));
        assertThat(growth.percent()).isEqualTo(d("20.00"));
        assertThat(growth.rung()).isEqualTo(rung("10", "0.5"));
        assertThat(growth.explanation())
                .isEqualTo("growth 20.00% over last year's 100000.00 reaches the 10% rung: 0.5% of turnover 120000.00");

        RebateComponent promo = component(c, Kind.PROMO); // 20000.00 × 1.0 / 100 = 200.00
        assertThat(promo.amount()).isEqualTo(d("200.00"));
        assertThat(promo.base()).isEqualTo(d("20000.00"));
        assertThat(promo.promo()).isEqualTo(PRINTERS);
        assertThat(promo.explanation()).isEqualTo("1.0% of PRINTERS turnover 20000.00 from 2026-03-01 to 2026-05-31");

        assertThat(c.uncapped()).isEqualTo(d("8600.00")); // 1800 + 6000 + 600 + 200
        assertThat(c.capAmount()).isEqualTo(d("6000.00")); // 120000.00 × 5.0 / 100
        assertThat(c.capApplied()).isTrue();
        assertThat(c.total()).isEqualTo(d("6000.00"));
        assertThat(c.nextRung()).isNull(); // 100 is the top rung
        assertThat(c.noPositiveTurnover()).isFalse();
        assertThat(c.programId()).isEqualTo("MB-2026");
        assertThat(c.sum(Kind.PROMO)).isEqualTo(d("200.00"));
    }

    @Test
    void capNotBinding() {
        // SILVER, Q3, T 50000.00, target 60000.00, P 48000.00
        RebateCalculation c = RebateCalculator.calculate(MB_2026,
                figures(Q3, "EUR", "SILVER", "50000.00", "60000.00", "48000.00", "0"));

        assertThat(c.components()).extracting(RebateComponent::kind) // the promo window misses Q3
                .containsExactly(Kind.BASE, Kind.ATTAINMENT, Kind.GROWTH);
        assertThat(component(c, Kind.BASE).amount()).isEqualTo(d("500.00")); // 1.0 %
        RebateComponent attainment = component(c, Kind.ATTAINMENT); // 83.333… % reaches 80: 2.0 % = 1000.00
        assertThat(attainment.percent()).isEqualTo(d("83.33"));
        assertThat(attainment.amount()).isEqualTo(d("1000.00"));
        RebateComponent growth = component(c, Kind.GROWTH); // 2000 / 48000 = 4.1666… %: below 10
        assertThat(growth.percent()).isEqualTo(d("4.16"));
        assertThat(growth.amount()).isEqualTo(d("0.00"));
        assertThat(growth.rung()).isNull();
        assertThat(growth.explanation()).isEqualTo("growth 4.16% over last year's 48000.00 is below the lowest rung (10%)");

        assertThat(c.uncapped()).isEqualTo(d("1500.00"));
        assertThat(c.capAmount()).isEqualTo(d("2500.00")); // 5 % of 50000.00
        assertThat(c.capApplied()).isFalse();
        assertThat(c.total()).isEqualTo(d("1500.00"));
        assertThat(c.sum(Kind.PROMO)).isEqualTo(d("0.00"));
        assertThat(c.nextRung()).isEqualTo(new NextRung(rung("100", "5.0"), d("10000.00"))); // 60000 − 50000
    }

    @Test
    void capEqualToUncappedDoesNotCountAsApplied() {
        BonusProgram capAtBase = new BonusProgram("X", 2026, MB_2026.tiers(), List.of(), List.of(), List.of(PRINTERS),
                d("1.5"), MB_2026.coFunding());
        // GOLD 1.5 % of 1000.00 = 15.00, cap 1.5 % = 15.00
        RebateCalculation c = RebateCalculator.calculate(capAtBase, figures(Q3, "EUR", "GOLD", "1000.00", null, "0", "0"));

        assertThat(c.uncapped()).isEqualTo(d("15.00"));
        assertThat(c.capAmount()).isEqualTo(d("15.00"));
        assertThat(c.capApplied()).isFalse();
        assertThat(c.total()).isEqualTo(d("15.00"));
    }

    @Nested
    class AttainmentRungs {

        @Test
        void missedByAHair() {
            RebateCalculation c = bronze("79.99", "100.00");
            RebateComponent attainment = component(c, Kind.ATTAINMENT);

            assertThat(attainment.amount()).isEqualTo(d("0.00"));
            assertThat(attainment.rung()).isNull();
            assertThat(attainment.rate()).isZero();
            assertThat(attainment.percent()).isEqualTo(d("79.99"));
            assertThat(attainment.explanation())
                    .isEqualTo("attainment 79.99% of target 100.00 is below the lowest rung (80%)");
            assertThat(component(c, Kind.BASE).amount()).isEqualTo(d("0.40")); // 0.39995 → 0.40
            assertThat(c.nextRung()).isEqualTo(new NextRung(rung("80", "2.0"), d("0.01"))); // 80.00 − 79.99
        }

        @Test
        void hitExactly() {
            RebateCalculation c = bronze("80.00", "100.00");
            RebateComponent attainment = component(c, Kind.ATTAINMENT);

            assertThat(attainment.amount()).isEqualTo(d("1.60")); // 80.00 × 2.0 %
            assertThat(attainment.rung()).isEqualTo(rung("80", "2.0"));
            assertThat(attainment.percent()).isEqualTo(d("80.00"));
            assertThat(c.nextRung()).isEqualTo(new NextRung(rung("100", "5.0"), d("20.00")));
        }

        @Test
        void upperRungMissedByAHairThenHit() {
            assertThat(component(bronze("99.99", "100.00"), Kind.ATTAINMENT).amount())
                    .isEqualTo(d("2.00")); // 99.99 × 2.0 % = 1.9998
            RebateCalculation atTarget = bronze("100.00", "100.00");
            assertThat(component(atTarget, Kind.ATTAINMENT).amount()).isEqualTo(d("5.00"));
            assertThat(component(atTarget, Kind.ATTAINMENT).rung()).isEqualTo(rung("100", "5.0"));
            assertThat(atTarget.nextRung()).isNull();
        }

        @Test
        void comparedExactlyWhenThePercentageDoesNotTerminate() {
            // 239.99 / 300.00 = 79.99666… %; 240.00 / 300.00 = 80 % exactly
            RebateCalculation missed = bronze("239.99", "300.00");
            assertThat(component(missed, Kind.ATTAINMENT).rung()).isNull();
            assertThat(component(missed, Kind.ATTAINMENT).percent()).isEqualTo(d("79.99"));
            assertThat(missed.nextRung().turnoverNeeded()).isEqualTo(d("0.01"));

            RebateCalculation hit = bronze("240.00", "300.00");
            assertThat(component(hit, Kind.ATTAINMENT).rung()).isEqualTo(rung("80", "2.0"));
            assertThat(component(hit, Kind.ATTAINMENT).amount()).isEqualTo(d("4.80"));
        }

        @Test
        void displayedPercentageIsRoundedDownSoItNeverShowsARungNotReached() {
            // 79999.99 / 100000.00 = 79.99999 %: HALF_UP would print 80.00 next to "below the 80 rung"
            RebateComponent attainment = component(bronze("79999.99", "100000.00"), Kind.ATTAINMENT);
            assertThat(attainment.percent()).isEqualTo(d("79.99"));
            assertThat(attainment.rung()).isNull();
        }

        @Test
        void turnoverNeededIsRoundedUpToTheMinorUnit() {
            // 80 % of 333.33 = 266.664; 266.664 − 100.00 = 166.664 → 166.67 (166.66 would still fall short)
            assertThat(bronze("100.00", "333.33").nextRung()).isEqualTo(new NextRung(rung("80", "2.0"), d("166.67")));
        }

        @Test
        void noTarget() {
            RebateCalculation c = bronze("1000.00", null);
            RebateComponent attainment = component(c, Kind.ATTAINMENT);

            assertThat(attainment.amount()).isEqualTo(d("0.00"));
            assertThat(attainment.percent()).isNull();
            assertThat(attainment.explanation()).isEqualTo("no target");
            assertThat(c.nextRung()).isNull();
        }

        @Test
        void targetOfZeroIsNoTarget() {
            RebateCalculation c = bronze("1000.00", "0.00");

            assertThat(component(c, Kind.ATTAINMENT).amount()).isEqualTo(d("0.00"));
            assertThat(component(c, Kind.ATTAINMENT).explanation()).isEqualTo("no target (the target is 0.00)");
            assertThat(c.nextRung()).isNull();
        }
    }

    @Nested
    class GrowthRungs {

        private RebateComponent growth(String t, String p) {
            return component(RebateCalculator.calculate(MB_2026, figures(Q3, "EUR", "BRONZE", t, null, p, "0")),
                    Kind.GROWTH);
        }

        @Test
        void missedByAHairThenHit() {
            RebateComponent missed = growth("1099.99", "1000.00"); // 9.999 %
            assertThat(missed.amount()).isEqualTo(d("0.00"));
            assertThat(missed.percent()).isEqualTo(d("9.99"));
            assertThat(missed.rung()).isNull();

            RebateComponent hit = growth("1100.00", "1000.00"); // 10 %: 0.5 % of 1100.00 = 5.50
            assertThat(hit.amount()).isEqualTo(d("5.50"));
            assertThat(hit.rung()).isEqualTo(rung("10", "0.5"));
            assertThat(hit.percent()).isEqualTo(d("10.00"));

            RebateComponent top = growth("1250.00", "1000.00"); // 25 %: 1.0 % of 1250.00 = 12.50
            assertThat(top.amount()).isEqualTo(d("12.50"));
            assertThat(top.rung()).isEqualTo(rung("25", "1.0"));
        }

        @Test
        void negativeGrowthEarnsNothing() {
            RebateComponent decline = growth("800.00", "1000.00"); // −20 %
            assertThat(decline.amount()).isEqualTo(d("0.00"));
            assertThat(decline.percent()).isEqualTo(d("-20.00"));
            assertThat(decline.explanation()).isEqualTo("growth -20.00% over last year's 1000.00 is below the lowest rung (10%)");
        }

        @Test
        void noTurnoverLastYear() {
            RebateComponent none = growth("1000.00", "0");
            assertThat(none.amount()).isEqualTo(d("0.00"));
            assertThat(none.percent()).isNull();
            assertThat(none.explanation()).isEqualTo("no growth: turnover in the same quarter last year was 0.00");
        }

        @Test
        void negativeTurnoverLastYear() {
            RebateComponent none = growth("1000.00", "-50.00");
            assertThat(none.amount()).isEqualTo(d("0.00"));
            assertThat(none.explanation()).isEqualTo("no growth: turnover in the same quarter last year was -50.00");
        }

        @Test
        void programmeWithoutGrowthRungs() {
            BonusProgram noGrowth = new BonusProgram("X", 2026, MB_2026.tiers(), MB_2026.attainment(), List.of(),
                    List.of(), d("5"), MB_2026.coFunding());
            RebateComponent none = component(RebateCalculator.calculate(noGrowth,
                    new TurnoverFigures("D001", Q3, "EUR", "GOLD", d("200.00"), null, d("100.00"), List.of())), Kind.GROWTH);
            assertThat(none.amount()).isEqualTo(d("0.00"));
            assertThat(none.explanation()).isEqualTo("growth 100.00% over last year's 100.00: the programme has no rungs");
        }
    }

    @Nested
    class NoPositiveTurnover {

        @Test
        void zeroTurnover() {
            // the target, last year and the promo line would all pay something on a positive T
            RebateCalculation c = RebateCalculator.calculate(MB_2026,
                    figures(Q2, "EUR", "GOLD", "0.00", "1000.00", "500.00", "300.00"));

            assertThat(c.noPositiveTurnover()).isTrue();
            assertThat(c.components()).hasSize(4).allSatisfy(component -> {
                assertThat(component.amount()).isEqualTo(d("0.00"));
                assertThat(component.rate()).isZero();
                assertThat(component.rung()).isNull();
                assertThat(component.explanation()).startsWith("no positive turnover");
            });
            assertThat(component(c, Kind.BASE).explanation()).isEqualTo("no positive turnover (turnover 0.00)");
            assertThat(c.uncapped()).isEqualTo(d("0.00"));
            assertThat(c.capAmount()).isEqualTo(d("0.00"));
            assertThat(c.capApplied()).isFalse();
            assertThat(c.total()).isEqualTo(d("0.00"));
            assertThat(c.nextRung()).isEqualTo(new NextRung(rung("80", "2.0"), d("800.00")));
        }

        @Test
        void negativeQuarterIsZeroNotANegativeBonus() {
            // round(−500.00 × 5 / 100) would make the cap, and so the total, −25.00
            RebateCalculation c = RebateCalculator.calculate(MB_2026,
                    figures(Q2, "EUR", "GOLD", "-500.00", "1000.00", "500.00", "300.00"));

            assertThat(c.noPositiveTurnover()).isTrue();
            assertThat(c.components()).extracting(RebateComponent::amount).containsOnly(d("0.00"));
            assertThat(component(c, Kind.BASE).base()).isEqualTo(d("-500.00"));
            assertThat(component(c, Kind.PROMO).explanation()).isEqualTo(
                    "no positive turnover (turnover -500.00; PRINTERS turnover 300.00 from 2026-03-01 to 2026-05-31)");
            assertThat(c.capAmount()).isEqualTo(d("0.00"));
            assertThat(c.total()).isEqualTo(d("0.00"));
            assertThat(c.nextRung().turnoverNeeded()).isEqualTo(d("1300.00")); // 800.00 − (−500.00)
        }
    }

    @Nested
    class Promos {

        @Test
        void promoOverlappingTheQuarterRoundsHalfUp() {
            // Q1: the window starts on 1 March. 1234.50 × 1.0 % = 12.345 → 12.35
            RebateCalculation c = RebateCalculator.calculate(MB_2026,
                    figures(Q1, "EUR", "BRONZE", "5000.00", null, "0", "1234.50"));

            RebateComponent promo = component(c, Kind.PROMO);
            assertThat(promo.amount()).isEqualTo(d("12.35"));
            assertThat(promo.rate()).isEqualTo(d("1.0"));
            assertThat(c.uncapped()).isEqualTo(d("37.35")); // base 25.00 + 12.35
        }

        @Test
        void noPositiveProductLineTurnover() {
            RebateComponent promo = component(RebateCalculator.calculate(MB_2026,
                    figures(Q2, "EUR", "BRONZE", "5000.00", null, "0", "-10.00")), Kind.PROMO);

            assertThat(promo.amount()).isEqualTo(d("0.00"));
            assertThat(promo.rate()).isZero();
            assertThat(promo.explanation()).isEqualTo("no positive PRINTERS turnover -10.00 from 2026-03-01 to 2026-05-31");
        }

        @Test
        void promoOutsideTheQuarterWithTurnoverIsAnExtractError() {
            assertThatThrownBy(() -> RebateCalculator.calculate(MB_2026,
                    figures(Q3, "EUR", "BRONZE", "5000.00", null, "0", "10.00")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lies outside 2026-Q3");
        }
    }

    @Nested
    class Rounding {

        @Test
        void tiesRoundHalfUp() {
            // 12345.00 × 0.5 % = 61.725: HALF_UP 61.73 (HALF_EVEN would give 61.72)
            assertThat(component(bronze("12345.00", null), Kind.BASE).amount()).isEqualTo(d("61.73"));
        }

        @Test
        void componentsAreRoundedBeforeTheyAreSummed() {
            BonusProgram halfPercentPromo = new BonusProgram("X", 2026, MB_2026.tiers(), List.of(), List.of(),
                    List.of(new Promo("PRINTERS", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), d("0.5"))),
                    d("5"), MB_2026.coFunding());
            // base 5.00 × 0.5 % = 0.025 → 0.03; promo the same: 0.03. Sum 0.06 (0.025 + 0.025 = 0.05 rounded later).
            RebateCalculation c = RebateCalculator.calculate(halfPercentPromo,
                    figures(Q3, "EUR", "BRONZE", "5.00", null, "0", "5.00"));

            assertThat(component(c, Kind.BASE).amount()).isEqualTo(d("0.03"));
            assertThat(component(c, Kind.PROMO).amount()).isEqualTo(d("0.03"));
            assertThat(c.uncapped()).isEqualTo(d("0.06"));
            assertThat(c.total()).isEqualTo(d("0.06")); // cap 0.25
        }

        @Test
        void currencyWithoutMinorUnit() {
            // JPY, GOLD, T 1234567, target 1000000, P 1000000
            RebateCalculation c = RebateCalculator.calculate(MB_2026,
                    figures(Q3, "JPY", "GOLD", "1234567", "1000000", "1000000", "0"));

            assertThat(component(c, Kind.BASE).amount()).isEqualTo(d("18519")); // 18518.505
            RebateComponent attainment = component(c, Kind.ATTAINMENT); // 123.4567 %: 5.0 % = 61728.35
            assertThat(attainment.percent()).isEqualTo(d("123.45"));
            assertThat(attainment.amount()).isEqualTo(d("61728"));
            RebateComponent growth = component(c, Kind.GROWTH); // 23.4567 %: 0.5 % = 6172.835
            assertThat(growth.percent()).isEqualTo(d("23.45"));
            assertThat(growth.amount()).isEqualTo(d("6173"));
            assertThat(c.uncapped()).isEqualTo(d("86420")); // 18519 + 61728 + 6173
            assertThat(c.capAmount()).isEqualTo(d("61728")); // 61728.35
            assertThat(c.capApplied()).isTrue();
            assertThat(c.total()).isEqualTo(d("61728"));
            assertThat(component(c, Kind.BASE).explanation()).isEqualTo("1.5% of turnover 1234567 (tier GOLD)");
        }

        @Test
        void turnoverNeededInACurrencyWithoutMinorUnit() {
            // 80 % of 1000001 = 800000.8; 800000.8 − 799999 = 1.8 → 2
            RebateCalculation c = RebateCalculator.calculate(MB_2026,
                    figures(Q3, "JPY", "BRONZE", "799999", "1000001", "0", "0"));
            assertThat(c.nextRung()).isEqualTo(new NextRung(rung("80", "2.0"), d("2")));
        }
    }

    @Nested
    class Mismatches {

        @Test
        void programmeOfAnotherYear() {
            assertThatThrownBy(() -> RebateCalculator.calculate(MB_2026,
                    figures(new Quarter(2025, 4), "EUR", "GOLD", "1.00", null, "0", "0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("programme MB-2026 is for 2026, not for 2025-Q4");
        }

        @Test
        void promoTurnoversMustMatchThePromoRules() {
            assertThatThrownBy(() -> RebateCalculator.calculate(MB_2026, figures(Q3, "EUR", "GOLD", "1.00", null, "0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0 promo turnovers for the 1 promo rules");
        }

        @Test
        void unknownTier() {
            assertThatThrownBy(() -> RebateCalculator.calculate(MB_2026, figures(Q3, "EUR", "DIAMOND", "1.00", null, "0", "0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DIAMOND");
        }

        @Test
        void unknownCurrency() {
            assertThatThrownBy(() -> figures(Q3, "XXY", "GOLD", "1.00", null, "0", "0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("XXY");
        }
    }
}
