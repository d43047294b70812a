package io.periodclose.simulation;

import io.periodclose.simulation.SimulationReport.Cost;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostChartTest {

    /** The chart in English, its amounts as the reports print them. */
    static String english(List<Cost> costs, boolean compared) {
        return CostChart.svg(costs, compared, "Cost per tier and per rung", "in force", "draft",
                SimulationReport::format, Cost::label);
    }

    @Test
    void scalesEachCurrencyOnItsOwnAndDrawsBothProgrammes() {
        String svg = english(List.of(
                new Cost("EUR", "GOLD", new BigDecimal("100.00"), new BigDecimal("200.00")),
                new Cost("JPY", "GOLD", new BigDecimal("50000"), new BigDecimal("25000"))), true);

        // the largest bar of each currency fills the 440 px bar area, the others in proportion
        assertThat(svg).contains(">EUR</text>", ">JPY</text>", ">in force</text>", ">draft</text>")
                .contains("width=\"220\" height=\"12\" fill=\"" + CostChart.CURRENT_COLOUR + "\"/><text x=\"376\"")
                .contains("width=\"440\" height=\"12\" fill=\"" + CostChart.DRAFT_COLOUR + "\"")
                .contains(">50000</text>", ">25000</text>", ">200.00</text>");
        assertThat(svg.split("fill=\"" + CostChart.CURRENT_COLOUR + "\"", -1)).hasSize(1 + 3); // 2 bars + legend
    }

    @Test
    void withNothingToCompareOnlyTheDraftIsDrawnAndTextIsEscaped() {
        String svg = english(List.of(new Cost("EUR", "<b>&\"", BigDecimal.ZERO, new BigDecimal("0.00"))),
                false);

        assertThat(svg).doesNotContain(CostChart.CURRENT_COLOUR, "in force", "<b>")
                .contains(">&lt;b&gt;&amp;&quot;</text>", "width=\"1\" height=\"12\"");
    }
}
