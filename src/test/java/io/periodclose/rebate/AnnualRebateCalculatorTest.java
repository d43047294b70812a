package io.periodclose.rebate;

import io.periodclose.program.AnnualRebate;
import io.periodclose.program.Rung;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §8.2 by hand: rungs 100 % → 1.0 % and 110 % → 2.0 % of the year's turnover. */
class AnnualRebateCalculatorTest {

    static final AnnualRebate RULE = new AnnualRebate(List.of(rung("100", "1.0"), rung("110", "2.0")));

    @Test
    void attainmentExactlyAtARungReachesIt() {
        // 110 000.00 / 100 000 = 110 % exactly → 2.0 % of 110 000.00 = 2 200.00; no rung above
        AnnualRebateCalculation c = calculate("110000.00", "100000.00", "EUR");

        assertThat(c.rung()).isEqualTo(rung("110", "2.0"));
        assertThat(c.total()).isEqualByComparingTo("2200.00");
        assertThat(c.attainment()).isEqualByComparingTo("110.00");
        assertThat(c.nextRung()).isNull();
        assertThat(c.creditDate()).hasToString("2027-01-01");
    }

    @Test
    void aHairBelowARungStaysOnTheRungBelowAndSaysWhatWasMissing() {
        // 109 999.99 / 100 000 = 109.99999 % → the 100 rung: 1.0 % of 109 999.99 = 1 099.9999 → 1 100.00 (HALF_UP);
        // 0.01 more would have reached 110 %
        AnnualRebateCalculation c = calculate("109999.99", "100000.00", "EUR");

        assertThat(c.rung()).isEqualTo(rung("100", "1.0"));
        assertThat(c.total()).isEqualByComparingTo("1100.00");
        assertThat(c.attainment()).as("shown rounded down, never as the 110 it did not reach")
                .isEqualByComparingTo("109.99");
        assertThat(c.nextRung().rung()).isEqualTo(rung("110", "2.0"));
        assertThat(c.nextRung().turnoverNeeded()).isEqualByComparingTo("0.01");
    }

    @Test
    void belowTheLowestRungPaysNothingButNamesTheFirstRung() {
        AnnualRebateCalculation c = calculate("99999.99", "100000.00", "EUR");

        assertThat(c.rung()).isNull();
        assertThat(c.total()).isEqualByComparingTo("0");
        assertThat(c.nextRung().rung()).isEqualTo(rung("100", "1.0"));
        assertThat(c.nextRung().turnoverNeeded()).isEqualByComparingTo("0.01");
        assertThat(c.explanation()).contains("below the lowest rung (100%)");
    }

    @Test
    void roundsHalfUpToTheMinorUnitAndIsNotCapped() {
        // 1.0 % of 12 344.50 = 123.4450 → 123.45 (HALF_EVEN would give 123.44)
        assertThat(calculate("12344.50", "12000.00", "EUR").total()).isEqualByComparingTo("123.45");
        // JPY has no minor digits: 1.0 % of 100 050 = 1 000.50 → 1 001
        assertThat(calculate("100050", "100000", "JPY").total()).isEqualByComparingTo("1001");
        // 2.0 % of a turnover five times the target is paid in full: there is no cap
        assertThat(calculate("500000.00", "100000.00", "EUR").total()).isEqualByComparingTo("10000.00");
    }

    @Test
    void noTargetOrAZeroTargetPaysNothing() {
        AnnualRebateCalculation none = calculate("50000.00", null, "EUR");
        AnnualRebateCalculation zero = calculate("50000.00", "0", "EUR");

        assertThat(none.total()).isEqualByComparingTo("0");
        assertThat(none.attainment()).isNull();
        assertThat(none.nextRung()).isNull();
        assertThat(none.explanation()).isEqualTo("no target in 2026");
        assertThat(zero.total()).isEqualByComparingTo("0");
        assertThat(zero.nextRung()).isNull();
    }

    @Test
    void noPositiveTurnoverPaysNothing() {
        assertThat(calculate("0.00", "100.00", "EUR").total()).isEqualByComparingTo("0");
        AnnualRebateCalculation negative = calculate("-250.00", "100.00", "EUR");
        assertThat(negative.total()).isEqualByComparingTo("0");
        assertThat(negative.rate()).isEqualByComparingTo("0");
        assertThat(negative.nextRung()).isNull();
        assertThat(negative.explanation()).startsWith("no positive turnover");
    }

    private static AnnualRebateCalculation calculate(String turnover, String target, String currency) {
        return AnnualRebateCalculator.calculate(RULE, new AnnualFigures("D1", 2026, currency, new BigDecimal(turnover),
                target == null ? null : new BigDecimal(target)));
    }

    private static Rung rung(String from, String rate) {
        return new Rung(new BigDecimal(from), new BigDecimal(rate));
    }
}
