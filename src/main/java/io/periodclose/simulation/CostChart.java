package io.periodclose.simulation;

import io.periodclose.simulation.SimulationReport.Cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost per tier and per rung of a simulation as an SVG bar chart, drawn on the server: one section per
 * currency (amounts of different currencies are never on one scale), two bars per tier or rung, the programme in
 * force's and the draft's. Presentation attributes only (no {@code style}, no script), so it passes the web
 * interface's Content-Security-Policy, and every text is escaped.
 */
public final class CostChart {

    static final String CURRENT_COLOUR = "#9aa5b1";
    static final String DRAFT_COLOUR = "#2b6cb0";
    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 150;
    private static final int BAR_AREA = 440;
    private static final int BAR = 12;
    private static final int ROW = 2 * BAR + 10;
    private static final int SECTION_HEAD = 28;

    private CostChart() {
    }

    public static String svg(List<Cost> costs, boolean compared) {
        Map<String, List<Cost>> byCurrency = new LinkedHashMap<>();
        costs.forEach(c -> byCurrency.computeIfAbsent(c.currency(), k -> new java.util.ArrayList<>()).add(c));
        int height = 40 + byCurrency.values().stream().mapToInt(l -> SECTION_HEAD + l.size() * ROW + 10).sum();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>Cost per tier and per rung</title>\n");
        int y = 16;
        if (compared) {
            legend(svg, 0, y, CURRENT_COLOUR, "in force");
        }
        legend(svg, compared ? 120 : 0, y, DRAFT_COLOUR, "draft");
        y += 24;
        for (Map.Entry<String, List<Cost>> section : byCurrency.entrySet()) {
            String currency = section.getKey();
            BigDecimal max = section.getValue().stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.current(), c.simulated()))
                    .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-weight=\"bold\">")
                    .append(escape(currency)).append("</text>\n");
            y += SECTION_HEAD;
            for (Cost cost : section.getValue()) {
                svg.append("<text x=\"0\" y=\"").append(y + BAR + 4).append("\">").append(escape(cost.label()))
                        .append("</text>\n");
                if (compared) {
                    bar(svg, y, cost.current(), max, CURRENT_COLOUR, currency);
                }
                bar(svg, y + BAR + 2, cost.simulated(), max, DRAFT_COLOUR, currency);
                y += ROW;
            }
            y += 10;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String text) {
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                .append(colour).append("\"/><text x=\"").append(x + 18).append("\" y=\"").append(y).append("\">")
                .append(text).append("</text>\n");
    }

    private static void bar(StringBuilder svg, int y, BigDecimal amount, BigDecimal max, String colour,
                            String currency) {
        int width = max.signum() <= 0 || amount.signum() <= 0 ? 0 : amount.multiply(BigDecimal.valueOf(BAR_AREA))
                .divide(max, 0, RoundingMode.HALF_UP).intValue();
        svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(Math.max(width, 1)).append("\" height=\"").append(BAR).append("\" fill=\"").append(colour)
                .append("\"/><text x=\"").append(LABEL_WIDTH + Math.max(width, 1) + 6).append("\" y=\"")
                .append(y + BAR - 2).append("\">").append(escape(SimulationReport.format(amount, currency)))
                .append("</text>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
