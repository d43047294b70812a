package io.periodclose.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * A horizontal bar chart as SVG, drawn on the server: sections one under the other, each on its own scale (amounts
 * of different currencies are never on one scale), a row per label with one bar per series, the figure written after
 * each bar. Presentation attributes only (no {@code style}, no script), so it passes the web interface's
 * Content-Security-Policy whether served as an image or placed in a page, and every text is escaped.
 */
public final class BarChart {

    /** One kind of bar, drawn in every row, named in the legend. */
    public record Series(String name, String colour) {
    }

    /** A row: its label and one value per series, in the series' order. */
    public record Row(String label, List<BigDecimal> values) {
    }

    /** A block with its own heading and scale; {@code format} writes a value as the chart shows it. */
    public record Section(String title, List<Row> rows, Function<BigDecimal, String> format) {
    }

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 150;
    private static final int BAR_AREA = 440;
    private static final int BAR = 12;
    private static final int GAP = 2;
    private static final int SECTION_HEAD = 28;
    private static final int LEGEND_STEP = 120;

    private BarChart() {
    }

    public static String svg(String title, List<Series> series, List<Section> sections) {
        int bars = series.size() * BAR + (series.size() - 1) * GAP;
        int row = bars + 8;
        int height = 40 + sections.stream().mapToInt(s -> SECTION_HEAD + s.rows().size() * row + 10).sum();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        int y = 16;
        for (int i = 0; i < series.size(); i++) {
            legend(svg, i * LEGEND_STEP, y, series.get(i));
        }
        y += 24;
        for (Section section : sections) {
            BigDecimal max = section.rows().stream().flatMap(r -> r.values().stream())
                    .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-weight=\"bold\">")
                    .append(escape(section.title())).append("</text>\n");
            y += SECTION_HEAD;
            for (Row r : section.rows()) {
                svg.append("<text x=\"0\" y=\"").append(y + bars / 2 + 3).append("\">").append(escape(r.label()))
                        .append("</text>\n");
                for (int i = 0; i < series.size(); i++) {
                    bar(svg, y + i * (BAR + GAP), r.values().get(i), max, series.get(i).colour(), section.format());
                }
                y += row;
            }
            y += 10;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, int x, int y, Series series) {
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                .append(series.colour()).append("\"/><text x=\"").append(x + 18).append("\" y=\"").append(y).append("\">")
                .append(escape(series.name())).append("</text>\n");
    }

    /** A bar never narrower than a pixel, so a zero (or a negative) still marks its row. */
    private static void bar(StringBuilder svg, int y, BigDecimal amount, BigDecimal max, String colour,
                            Function<BigDecimal, String> format) {
        int width = max.signum() <= 0 || amount.signum() <= 0 ? 0 : amount.multiply(BigDecimal.valueOf(BAR_AREA))
                .divide(max, 0, RoundingMode.HALF_UP).intValue();
        svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(Math.max(width, 1)).append("\" height=\"").append(BAR).append("\" fill=\"").append(colour)
                .append("\"/><text x=\"").append(LABEL_WIDTH + Math.max(width, 1) + 6).append("\" y=\"")
                .append(y + BAR - 2).append("\">").append(escape(format.apply(amount))).append("</text>\n");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
