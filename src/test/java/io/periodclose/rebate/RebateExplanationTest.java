package io.periodclose.rebate;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.CoFunding;
import io.periodclose.program.EarlyPayment;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import io.periodclose.program.TopPerformers;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One generator writing a chunk's explanations one after another gives each the bytes it has on its own. */
class RebateExplanationTest {

    private static final Quarter Q1 = new Quarter(2027, 1);
    /** A promo whose product line needs escaping and several bytes per letter. */
    private static final String PRODUCT_LINE = "Принтеры \"A4\"";
    private static final BonusProgram PROGRAM = new BonusProgram("MB-2027", 2027,
            Map.of("BRONZE", d("0.5"), "SILVER", d("1.0"), "GOLD", d("1.5"), "PLATINUM", d("2.0")),
            List.of(new Rung(d("80"), d("2.0")), new Rung(d("100"), d("5.0"))),
            List.of(new Rung(d("10"), d("0.5")), new Rung(d("25"), d("1.0"))),
            List.of(new Promo(PRODUCT_LINE, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 31), d("1.0"))),
            d("5.0"), new CoFunding(d("50"), List.of("CATALOGUES")),
            Optional.empty(), Optional.of(new EarlyPayment(10, d("0.5"))),
            Optional.of(new TopPerformers(d("10"), List.of(d("1.0"), d("0.5"), d("0.25")))));

    @Test
    void explanationsWrittenOneAfterAnotherAreEachTheirOwnJson() {
        List<RebateCalculation> calculations = List.of(
                calculate("D1", "EUR", "GOLD", "120000.00", "100000.00", "100000.00", "5000.00", "3000.00", 1),
                calculate("D2", "JPY", "BRONZE", "1234567", null, "0", "0", "0", null),
                calculate("D3", "RUB", "SILVER", "-50.25", "1000.00", "10.00", "0", "0", null));
        ByteArrayOutputStream together = new ByteArrayOutputStream();
        List<Integer> ends = new java.util.ArrayList<>();
        try (JsonGenerator json = RebateExplanation.generator(together)) {
            for (RebateCalculation c : calculations) {
                RebateExplanation.write(json, c);
                ends.add(together.size()); // flushed: all of it is in the stream already
            }
        }

        byte[] all = together.toByteArray();
        int from = 0;
        for (int i = 0; i < calculations.size(); i++) {
            byte[] own = Explanations.alone(calculations.get(i));
            byte[] written = java.util.Arrays.copyOfRange(all, from, ends.get(i));
            assertThat(written).as("explanation %d", i + 1).isEqualTo(own);
            from = ends.get(i);
        }
        assertThat(from).isEqualTo(all.length);

        JsonNode gold = JsonMapper.builder().build().readTree(Explanations.aloneAsText(calculations.get(0)));
        JsonNode promo = gold.get("components").valueStream()
                .filter(c -> c.get("kind").asString().equals("PROMO")).findFirst().orElseThrow();
        assertThat(promo.get("productLine").asString()).isEqualTo(PRODUCT_LINE);
        // 1.0 % of the promo turnover 5000.00
        assertThat(promo.get("amount").asString()).isEqualTo("50.00");
        assertThat(gold.get("total").asString()).isEqualTo(calculations.get(0).total().toPlainString());
    }

    private static RebateCalculation calculate(String distributor, String currency, String tier, String turnover,
                                               String target, String lastYear, String promo, String earlyPaid,
                                               Integer place) {
        return RebateCalculator.calculate(PROGRAM, new TurnoverFigures(distributor, Q1, currency, tier, d(turnover),
                target == null ? null : d(target), d(lastYear), List.of(d(promo)), d(earlyPaid),
                place == null ? null : new GrowthPlace(place, 3)));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
