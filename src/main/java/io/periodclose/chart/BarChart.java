package io.periodclose.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * Bar charts as SVG, drawn on the server: sections one under the other, each on its own scale (amounts of different
 * currencies are never on one scale), a row per label with one bar per series. {@link #svg} draws rows as horizontal
 * bars with the figure written after each; {@link #columns} draws them left to right as columns, for rows that are
 * points in time, each figure in its column's tooltip (the page's table lists them). Presentation attributes only
 * (no {@code style}, no script), so either passes the web interface's Content-Security-Policy whether served as an
 * image or placed in a page, and every text is escaped.
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

    private static final int PLOT_LEFT = 10;
    private static final int PLOT_HEIGHT = 110;
    private static final int COLUMN_SECTION = SECTION_HEAD + PLOT_HEIGHT + 30;
    /** Room for one label under the columns: a quarter such as 2026-Q1 at 12 px. */
    private static final int X_LABEL_WIDTH = 56;

    private BarChart() {
    }

    /**
     * Rows as groups of columns from left to right, one column per series, each section on its own scale with its
     * largest figure written at the top after {@code maxWord} ("max"); a row's label under its group, as many as
     * fit without overlapping.
     */
    public static String columns(String title, String maxWord, List<Series> series, List<Section> sections) {
        int height = 40 + sections.size() * COLUMN_SECTION;
        StringBuilder svg = new StringBuilder();
        open(svg, title, height);
        legends(svg, series);
        int y = 40;
        int plotWidth = WIDTH - PLOT_LEFT;
        for (Section section : sections) {
            BigDecimal max = max(section);
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-weight=\"bold\">")
                    .append(escape(section.title())).append("</text>");
            svg.append("<text x=\"").append(WIDTH).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\" fill=\"#6b7785\">").append(escape(maxWord)).append(' ')
                    .append(escape(section.format().apply(max)))
                    .append("</text>\n");
            int base = y + SECTION_HEAD + PLOT_HEIGHT;
            int rows = Math.max(section.rows().size(), 1);
            double group = (double) plotWidth / rows;
            double column = Math.min(BAR + GAP, group * 0.8 / series.size());
            int labelEvery = (int) Math.ceil(X_LABEL_WIDTH / group);
            for (int r = 0; r < section.rows().size(); r++) {
                Row row = section.rows().get(r);
                double left = PLOT_LEFT + r * group + (group - column * series.size()) / 2;
                for (int i = 0; i < series.size(); i++) {
                    BigDecimal amount = row.values().get(i);
                    int h = Math.max(scaled(amount, max, PLOT_HEIGHT), 1);
                    svg.append("<rect x=\"").append(decimal(left + i * column)).append("\" y=\"").append(base - h)
                            .append("\" width=\"").append(decimal(Math.max(column - 1, 1))).append("\" height=\"")
                            .append(h).append("\" fill=\"").append(series.get(i).colour()).append("\"><title>")
                            .append(escape(row.label() + " " + series.get(i).name() + ": "
                                    + section.format().apply(amount))).append("</title></rect>");
                }
                if (r % labelEvery == 0) {
                    svg.append("<text x=\"").append(decimal(PLOT_LEFT + r * group + group / 2)).append("\" y=\"")
                            .append(base + 16).append("\" text-anchor=\"middle\">").append(escape(row.label()))
                            .append("</text>");
                }
                svg.append('\n');
            }
            svg.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(base).append("\" x2=\"")
                    .append(WIDTH).append("\" y2=\"").append(base).append("\" stroke=\"#9aa5b1\"/>\n");
            y += COLUMN_SECTION;
        }
        return svg.append("</svg>\n").toString();
    }

    public static String svg(String title, List<Series> series, List<Section> sections) {
        int bars = series.size() * BAR + (series.size() - 1) * GAP;
        int row = bars + 8;
        int height = 40 + sections.stream().mapToInt(s -> SECTION_HEAD + s.rows().size() * row + 10).sum();
        StringBuilder svg = new StringBuilder();
        open(svg, title, height);
        legends(svg, series);
        int y = 40;
        for (Section section : sections) {
            BigDecimal max = max(section);
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

    private static void open(StringBuilder svg, String title, int height) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
    }

    private static void legends(StringBuilder svg, List<Series> series) {
        int y = 16;
        for (int i = 0; i < series.size(); i++) {
            int x = i * LEGEND_STEP;
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(series.get(i).colour())
                    .append("\"/><text x=\"").append(x + 18).append("\" y=\"").append(y).append("\">")
                    .append(escape(series.get(i).name())).append("</text>\n");
        }
    }

    private static BigDecimal max(Section section) {
        return section.rows().stream().flatMap(r -> r.values().stream()).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
    }

    /** {@code amount} as a share of {@code length}, {@code max} filling it; nothing for zero and negatives. */
    private static int scaled(BigDecimal amount, BigDecimal max, int length) {
        return max.signum() <= 0 || amount.signum() <= 0 ? 0 : amount.multiply(BigDecimal.valueOf(length))
                .divide(max, 0, RoundingMode.HALF_UP).intValue();
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A bar never narrower than a pixel, so a zero (or a negative) still marks its row. */
    private static void bar(StringBuilder svg, int y, BigDecimal amount, BigDecimal max, String colour,
                            Function<BigDecimal, String> format) {
        int width = scaled(amount, max, BAR_AREA);
        svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(Math.max(width, 1)).append("\" height=\"").append(BAR).append("\" fill=\"").append(colour)
                .append("\"/><text x=\"").append(LABEL_WIDTH + Math.max(width, 1) + 6).append("\" y=\"")
                .append(y + BAR - 2).append("\">").append(escape(format.apply(amount))).append("</text>\n");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
