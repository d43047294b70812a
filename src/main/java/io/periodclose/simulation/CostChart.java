package io.periodclose.simulation;

import io.periodclose.chart.BarChart;
import io.periodclose.simulation.SimulationReport.Cost;

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
    private static final BarChart.Series CURRENT = new BarChart.Series("in force", CURRENT_COLOUR);
    private static final BarChart.Series DRAFT = new BarChart.Series("draft", DRAFT_COLOUR);

    private CostChart() {
    }

    public static String svg(List<Cost> costs, boolean compared) {
        Map<String, List<BarChart.Row>> byCurrency = new LinkedHashMap<>();
        for (Cost cost : costs) {
            byCurrency.computeIfAbsent(cost.currency(), k -> new ArrayList<>()).add(new BarChart.Row(cost.label(),
                    compared ? List.of(cost.current(), cost.simulated()) : List.of(cost.simulated())));
        }
        List<BarChart.Section> sections = new ArrayList<>();
        byCurrency.forEach((currency, rows) -> sections.add(new BarChart.Section(currency, rows,
                amount -> SimulationReport.format(amount, currency))));
        return BarChart.svg("Cost per tier and per rung", compared ? List.of(CURRENT, DRAFT) : List.of(DRAFT),
                sections);
    }
}
