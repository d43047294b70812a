package io.periodclose.program;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BonusProgramTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Rung rung(String from, String rate) {
        return new Rung(d(from), d(rate));
    }

    private final BonusProgram program = new BonusProgram("MB-2026", 2026,
            Map.of("BRONZE", d("0.5"), "SILVER", d("1.0"), "GOLD", d("1.5"), "PLATINUM", d("2.0")),
            List.of(rung("80", "2.0"), rung("100", "5.0")),
            List.of(rung("10", "0.5"), rung("25", "1.0"), rung("150", "2.0")),
            List.of(new Promo("PRINTERS", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31), d("1.0"))),
            d("5.0"),
            new CoFunding(d("50"), List.of("CATALOGUES", "TRADE_SHOWS")));

    @Test
    void attainmentRungBoundariesAreExact() {
        assertThat(program.highestAttainmentRung(d("79.9999"))).isEmpty();
        assertThat(program.highestAttainmentRung(d("79.99999999999999999999"))).isEmpty();
        assertThat(program.highestAttainmentRung(d("80"))).contains(rung("80", "2.0"));
        assertThat(program.highestAttainmentRung(d("80.000000"))).contains(rung("80", "2.0"));
        assertThat(program.highestAttainmentRung(d("99.9999"))).contains(rung("80", "2.0"));
        assertThat(program.highestAttainmentRung(d("100"))).contains(rung("100", "5.0"));
        assertThat(program.highestAttainmentRung(d("250"))).contains(rung("100", "5.0"));
        assertThat(program.highestAttainmentRung(d("-20"))).isEmpty();
    }

    @Test
    void nextAttainmentRungIsTheLowestOneNotYetReached() {
        assertThat(program.nextAttainmentRung(d("50"))).contains(rung("80", "2.0"));
        assertThat(program.nextAttainmentRung(d("79.9999"))).contains(rung("80", "2.0"));
        assertThat(program.nextAttainmentRung(d("80"))).contains(rung("100", "5.0"));
        assertThat(program.nextAttainmentRung(d("100"))).isEmpty();
    }

    @Test
    void growthRungsMayLieAboveOneHundredPercent() {
        assertThat(program.highestGrowthRung(d("9.99"))).isEmpty();
        assertThat(program.highestGrowthRung(d("10"))).contains(rung("10", "0.5"));
        assertThat(program.highestGrowthRung(d("149.99"))).contains(rung("25", "1.0"));
        assertThat(program.highestGrowthRung(d("150"))).contains(rung("150", "2.0"));
        assertThat(program.nextGrowthRung(d("30"))).contains(rung("150", "2.0"));
        assertThat(program.nextGrowthRung(d("150"))).isEmpty();
    }

    @Test
    void rungSearchDoesNotDependOnListOrder() {
        BonusProgram unsorted = new BonusProgram("X", 2026, program.tiers(),
                List.of(rung("100", "5.0"), rung("80", "2.0")), List.of(), List.of(), d("5"), program.coFunding());

        assertThat(unsorted.highestAttainmentRung(d("120"))).contains(rung("100", "5.0"));
        assertThat(unsorted.nextAttainmentRung(d("10"))).contains(rung("80", "2.0"));
        assertThat(unsorted.highestGrowthRung(d("50"))).isEqualTo(Optional.empty());
    }

    @Test
    void tierRateByName() {
        assertThat(program.tierRate("GOLD")).isEqualByComparingTo("1.5");
        assertThatThrownBy(() -> program.tierRate("DIAMOND"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DIAMOND");
    }

    @Test
    void keyDirectionsArePaidInFull() {
        assertThat(program.coFundingShare("CATALOGUES")).isEqualByComparingTo("100");
        assertThat(program.coFundingShare("TRADE_SHOWS")).isEqualByComparingTo("100");
        assertThat(program.coFundingShare("BOOKLETS")).isEqualByComparingTo("50");
    }

    @Test
    void withoutEligibleEveryDirectionIsEligible() {
        assertThat(program.isEligibleDirection("PROMO_GIFTS")).isTrue();
        assertThat(program.isEligibleDirection("CATALOGUES")).isTrue();
    }

    @Test
    void withEligibleOnlyTheListedAndTheKeyDirectionsAre() {
        BonusProgram restricted = program.withCoFunding(program.coFunding().withEligible(List.of("BOOKLETS", "ONLINE")));

        assertThat(restricted.isEligibleDirection("BOOKLETS")).isTrue();
        assertThat(restricted.isEligibleDirection("ONLINE")).isTrue();
        assertThat(restricted.isEligibleDirection("TRADE_SHOWS")).isTrue();
        assertThat(restricted.isEligibleDirection("PROMO_GIFTS")).isFalse();
        assertThat(restricted.isEligibleDirection("booklets")).isFalse();
        // eligibility says nothing about the share: a key direction is still paid in full
        assertThat(restricted.coFundingShare("TRADE_SHOWS")).isEqualByComparingTo("100");
        assertThat(restricted.coFundingShare("BOOKLETS")).isEqualByComparingTo("50");
    }

    @Test
    void anEmptyEligibleListLeavesOnlyTheKeyDirections() {
        CoFunding keyOnly = program.coFunding().withEligible(List.of());

        assertThat(keyOnly.isEligible("CATALOGUES")).isTrue();
        assertThat(keyOnly.isEligible("BOOKLETS")).isFalse();
    }

    @Test
    void theRulesOfSection8AreAbsentUnlessGiven() {
        assertThat(program.annual()).isEmpty();
        assertThat(program.earlyPayment()).isEmpty();
        assertThat(program.topPerformers()).isEmpty();

        BonusProgram all = program.withAnnual(new AnnualRebate(List.of(rung("100", "1.0"))))
                .withEarlyPayment(new EarlyPayment(10, d("0.5")))
                .withTopPerformers(new TopPerformers(d("10"), List.of(d("1.0"))));

        assertThat(all.annual()).contains(new AnnualRebate(List.of(rung("100", "1.0"))));
        assertThat(all.earlyPayment()).contains(new EarlyPayment(10, d("0.5")));
        assertThat(all.topPerformers()).contains(new TopPerformers(d("10"), List.of(d("1.0"))));
        assertThat(all.withCoFunding(program.coFunding()).tiers()).isEqualTo(program.tiers());
    }

    @Test
    void theAnnualRebateIsNoRuleACloseRefusesSinceTheYearEndPaysIt() {
        BonusProgram annualOnly = program.withAnnual(new AnnualRebate(List.of(rung("100", "1.0"))));

        assertThat(annualOnly.rulesNotYetApplied()).isEmpty();
    }

    @Test
    void annualRungBoundariesAreExact() {
        AnnualRebate annual = new AnnualRebate(List.of(rung("110", "2.0"), rung("100", "1.0")));

        assertThat(annual.highestRung(d("99.99999999"))).isEmpty();
        assertThat(annual.nextRung(d("99.99999999"))).contains(rung("100", "1.0"));
        assertThat(annual.highestRung(d("100"))).contains(rung("100", "1.0"));
        assertThat(annual.nextRung(d("100"))).contains(rung("110", "2.0"));
        assertThat(annual.highestRung(d("110.0"))).contains(rung("110", "2.0"));
        assertThat(annual.nextRung(d("110"))).isEmpty();
        assertThat(new AnnualRebate(List.of()).highestRung(d("500"))).isEmpty();
    }

    @Test
    void aPaymentExactlyDaysBeforeTheDueDateIsEarlyAndADayLaterIsNot() {
        EarlyPayment tenDays = new EarlyPayment(10, d("0.5"));
        LocalDate due = LocalDate.of(2026, 3, 10);

        assertThat(tenDays.latestEarlyDate(due)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(tenDays.isEarly(LocalDate.of(2026, 2, 27), due)).isTrue();
        assertThat(tenDays.isEarly(LocalDate.of(2026, 2, 28), due)).isTrue();
        assertThat(tenDays.isEarly(LocalDate.of(2026, 3, 1), due)).isFalse();
        assertThat(tenDays.isEarly(LocalDate.of(2026, 3, 20), due)).isFalse();
    }

    @Test
    void withZeroDaysPayingOnTheDueDateCounts() {
        EarlyPayment onTime = new EarlyPayment(0, d("0.5"));
        LocalDate due = LocalDate.of(2026, 3, 10);

        assertThat(onTime.isEarly(due, due)).isTrue();
        assertThat(onTime.isEarly(due.plusDays(1), due)).isFalse();
        assertThatThrownBy(() -> new EarlyPayment(-1, d("0.5"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topPerformersQualifyByExactGrowthAndPlacesBeyondTheListEarnNothing() {
        TopPerformers top = new TopPerformers(d("10"), List.of(d("1.0"), d("0.5"), d("0.25")));

        assertThat(top.qualifies(d("9.99999999999999999999"))).isFalse();
        assertThat(top.qualifies(d("10.000"))).isTrue();
        assertThat(top.qualifies(d("250"))).isTrue();
        assertThat(top.rateOfPlace(1)).contains(d("1.0"));
        assertThat(top.rateOfPlace(3)).contains(d("0.25"));
        assertThat(top.rateOfPlace(4)).isEmpty();
        assertThat(top.rateOfPlace(0)).isEmpty();
    }

    @Test
    void promoWindowIncludesBothEnds() {
        Promo promo = program.promos().get(0);
        assertThat(promo.covers(LocalDate.of(2026, 2, 28))).isFalse();
        assertThat(promo.covers(LocalDate.of(2026, 3, 1))).isTrue();
        assertThat(promo.covers(LocalDate.of(2026, 5, 31))).isTrue();
        assertThat(promo.covers(LocalDate.of(2026, 6, 1))).isFalse();
    }
}
