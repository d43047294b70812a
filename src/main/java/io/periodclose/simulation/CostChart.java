package io.periodclose.simulation;

import io.periodclose.chart.BarChart;
import io.periodclose.simulation.SimulationReport.Cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost per tier and per rung of a simulation as a server-drawn SVG {@link BarChart}: one section per currency,
 * two bars per tier or rung, the programme in force's and the draft's (the draft's alone when nothing compares).
 */
public final class CostChart {

    static final String CURRENT_COLOUR = "#9aa5b1";
    static final String DRAFT_COLOUR = "#2b6cb0";

    private CostChart() {
    }

    /**
     * With the page's words (its title, the programme in force's and the draft's, each row's label) and its way of
     * writing an amount of a currency.
     */
    public static String svg(List<Cost> costs, boolean compared, String title, String inForce, String draft,
                             java.util.function.BiFunction<BigDecimal, String, String> amount,
                             java.util.function.Function<Cost, String> label) {
        BarChart.Series current = new BarChart.Series(inForce, CURRENT_COLOUR);
        BarChart.Series drafted = new BarChart.Series(draft, DRAFT_COLOUR);
        Map<String, List<BarChart.Row>> byCurrency = new LinkedHashMap<>();
        for (Cost cost : costs) {
            byCurrency.computeIfAbsent(cost.currency(), k -> new ArrayList<>()).add(new BarChart.Row(label.apply(cost),
                    compared ? List.of(cost.current(), cost.simulated()) : List.of(cost.simulated())));
        }
        List<BarChart.Section> sections = new ArrayList<>();
        byCurrency.forEach((currency, rows) -> sections.add(new BarChart.Section(currency, rows,
                value -> amount.apply(value, currency))));
        return BarChart.svg(title, compared ? List.of(current, drafted) : List.of(drafted), sections);
    }
}
