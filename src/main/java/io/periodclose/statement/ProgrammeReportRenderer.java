package io.periodclose.statement;

import io.periodclose.ledger.BonusFundQueries.QuarterMovements;
import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;
import io.periodclose.reporting.ProgrammeFigures.AnnualCost;
import io.periodclose.reporting.ProgrammeFigures.Figures;
import io.periodclose.reporting.ProgrammeFigures.TierCost;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeSet;

/**
 * Renders the year's programme report (issue 15, item 3) with the template {@code programme-report.jrxml}: per
 * currency, the programme's cost per quarter and tier with the distributors' turnover and growth, the annual rebate,
 * and the bonus fund's accruals, spending and expiry per quarter with the year's utilisation (spent / accrued, as
 * the dashboard computes it). Each section's table is followed by its chart (JasperReports' chart components: the
 * cost per quarter stacked by tier, the fund's movements per quarter), drawn from the same rows. Reproducible like
 * the statements.
 */
@Component
public class ProgrammeReportRenderer {

    static final String TEMPLATE = "programme-report.jrxml";
    private static final String BUNDLE = "reports.i18n.programme";
    private static final String[] COLUMNS = {"C1", "C2", "C3", "C4", "C5", "C6", "C7"};
    private static final String[] HEADS = {"H1", "H2", "H3", "H4", "H5", "H6", "H7"};
    private static final String[] VALUES = {"V1", "V2", "V3", "V4"};

    private final StatementTemplates templates;
    private volatile JasperReport compiled;

    @Autowired
    public ProgrammeReportRenderer(@Value("${period-close.reports:reports}") String templates) {
        this(Path.of(templates));
    }

    public ProgrammeReportRenderer(Path templates) {
        this.templates = new StatementTemplates(templates, ProgrammeReportRenderer.class.getClassLoader());
    }

    /** The document id printed in the footer and hashed into the PDF's trailer id. */
    public static String documentId(int year) {
        return "PR-" + year;
    }

    /**
     * @param issuer    the manufacturer, printed at the top
     * @param issueDate the year-end's business date: printed, and the PDF's creation date
     * @param locale    the language; {@code null} for Russian
     */
    public byte[] render(Figures figures, String issuer, LocalDate issueDate, Locale locale) {
        Locale effective = locale == null ? StatementRenderer.RUSSIAN : locale;
        Text text = new Text(ResourceBundle.getBundle(BUNDLE, effective, ProgrammeReportRenderer.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), effective);
        String documentId = documentId(figures.year());
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ISSUER", issuer);
        parameters.put("TITLE", text.label("title"));
        parameters.put("SUBTITLE", text.text("subtitle", String.valueOf(figures.year()), text.date(issueDate)));
        parameters.put("NOTE", text.text("note", figures.closed().isEmpty() ? text.label("none")
                : String.join(", ", figures.closed().stream().map(q -> text.quarter(Quarter.parse(q))).toList())));
        parameters.put("FOOTER", text.text("footer", documentId, text.date(issueDate)));
        parameters.put("PAGE", text.label("page"));
        parameters.put("LEGEND_ACCRUED", text.label("head.accrued"));
        parameters.put("LEGEND_ANNUAL", text.label("head.annual"));
        parameters.put("LEGEND_SPENT", text.label("head.spent"));
        parameters.put("LEGEND_EXPIRED", text.label("head.expired"));
        parameters.put(JRParameter.REPORT_LOCALE, effective);
        try {
            JasperPrint print = JasperFillManager.fillReport(template(), parameters,
                    new JRMapCollectionDataSource(rows(figures, text)));
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
            ReproduciblePdfExporter exporter = new ReproduciblePdfExporter(documentId, issueDate);
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(pdf));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setCompressed(true);
            configuration.setMetadataTitle(text.label("title") + " · " + figures.year());
            configuration.setMetadataAuthor(issuer);
            configuration.setMetadataSubject(documentId);
            ReproduciblePdfExporter.archival(configuration);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            return pdf.toByteArray();
        } catch (JRException e) {
            throw new IllegalStateException("cannot render " + documentId + " with " + TEMPLATE, e);
        }
    }

    static List<Map<String, ?>> rows(Figures figures, Text text) {
        TreeSet<String> currencies = new TreeSet<>();
        figures.tiers().forEach(t -> currencies.add(t.currency()));
        figures.fund().forEach(m -> currencies.add(m.currency()));
        figures.annual().forEach(a -> currencies.add(a.currency()));
        List<Map<String, ?>> rows = new ArrayList<>();
        String year = String.valueOf(figures.year());
        for (String currency : currencies) {
            String cost = text.text("section.cost", currency);
            String[] costHeads = {text.label("head.quarter"), text.label("head.tier"), text.label("head.distributors"),
                    text.label("head.turnover"), text.label("head.lastYear"), text.label("head.growth"),
                    text.label("head.bonus")};
            BigDecimal turnover = BigDecimal.ZERO;
            BigDecimal lastYear = BigDecimal.ZERO;
            BigDecimal bonus = BigDecimal.ZERO;
            for (TierCost t : figures.tiers()) {
                if (!t.currency().equals(currency)) {
                    continue;
                }
                String quarter = text.quarter(Quarter.parse(t.quarter()));
                rows.add(chart(row(cost, "cost", currency, costHeads, false, quarter, t.tier(),
                        String.valueOf(t.distributors()), text.amount(t.turnover(), currency),
                        text.amount(t.turnoverLastYear(), currency), text.growth(t.turnover(), t.turnoverLastYear()),
                        text.amount(t.bonus(), currency)), quarter, t.tier(), t.bonus()));
                turnover = turnover.add(t.turnover());
                lastYear = lastYear.add(t.turnoverLastYear());
                bonus = bonus.add(t.bonus());
            }
            rows.add(row(cost, "cost", currency, costHeads, true, text.text("row.quarters", year), "", "",
                    text.amount(turnover, currency), text.amount(lastYear, currency), text.growth(turnover, lastYear),
                    text.amount(bonus, currency)));
            AnnualCost annual = figures.annual().stream().filter(a -> a.currency().equals(currency)).findFirst()
                    .orElse(null);
            if (annual != null) {
                rows.add(row(cost, "cost", currency, costHeads, false, text.text("row.annual", year), "",
                        String.valueOf(annual.distributors()), "", "", "", text.amount(annual.total(), currency)));
                bonus = bonus.add(annual.total());
            }
            rows.add(row(cost, "cost", currency, costHeads, true, text.text("row.programme", year), "", "", "", "", "",
                    text.amount(bonus, currency)));

            String fund = text.text("section.fund", currency);
            String[] fundHeads = {text.label("head.quarter"), "", text.label("head.utilisation"),
                    text.label("head.accrued"), text.label("head.annual"), text.label("head.spent"),
                    text.label("head.expired")};
            BigDecimal accrued = BigDecimal.ZERO;
            BigDecimal annualCredit = BigDecimal.ZERO;
            BigDecimal spent = BigDecimal.ZERO;
            BigDecimal expired = BigDecimal.ZERO;
            for (QuarterMovements m : figures.fund()) {
                if (!m.currency().equals(currency)) {
                    continue;
                }
                String quarter = text.quarter(Quarter.parse(m.quarter()));
                rows.add(chart(row(fund, "fund", currency, fundHeads, false, quarter, "", "",
                        text.amount(m.accrued(), currency), text.amount(m.annual(), currency),
                        text.amount(m.spent(), currency), text.amount(m.expired(), currency)),
                        quarter, null, m.accrued(), m.annual(), m.spent(), m.expired()));
                accrued = accrued.add(m.accrued());
                annualCredit = annualCredit.add(m.annual());
                spent = spent.add(m.spent());
                expired = expired.add(m.expired());
            }
            rows.add(row(fund, "fund", currency, fundHeads, true, text.text("row.year", year), "",
                    text.utilisation(spent, accrued.add(annualCredit)), text.amount(accrued, currency),
                    text.amount(annualCredit, currency), text.amount(spent, currency),
                    text.amount(expired, currency)));
        }
        return rows;
    }

    /** A row of a section's table; the kind of section ({@code cost}, {@code fund}) picks the section's chart. */
    private static Map<String, Object> row(String section, String kind, String currency, String[] heads, boolean bold,
                                           String... cells) {
        Map<String, Object> row = new HashMap<>();
        row.put("SECTION", section);
        row.put("KIND", kind);
        row.put("CURRENCY", currency);
        row.put("BOLD", bold);
        for (int i = 0; i < COLUMNS.length; i++) {
            row.put(HEADS[i], heads[i]);
            row.put(COLUMNS[i], cells[i]);
        }
        return row;
    }

    /**
     * A quarter's row with its figures for the section's chart: the quarter as its category, the series (a tier; the
     * fund's chart names its four series itself) and the amounts. A total row has none, so the charts leave it out.
     */
    private static Map<String, ?> chart(Map<String, Object> row, String quarter, String series,
                                        BigDecimal... values) {
        row.put("CATEGORY", quarter);
        row.put("SERIES", series);
        for (int i = 0; i < values.length; i++) {
            row.put(VALUES[i], values[i]);
        }
        return row;
    }

    private JasperReport template() {
        JasperReport report = compiled;
        if (report == null) {
            report = templates.load(TEMPLATE).report();
            compiled = report;
        }
        return report;
    }

    /** The report's wording and number formats in one locale; one per rendering (DecimalFormat is not thread-safe). */
    static final class Text {

        private final ResourceBundle bundle;
        private final Locale locale;
        private final DecimalFormatSymbols symbols;
        private final DateTimeFormatter dates;

        Text(ResourceBundle bundle, Locale locale) {
            this.bundle = bundle;
            this.locale = locale;
            this.symbols = DecimalFormatSymbols.getInstance(locale);
            this.dates = DateTimeFormatter.ofPattern(bundle.getString("format.date"), locale);
        }

        /** In the currency's minor digits; a turnover summed from lines of finer precision is rounded HALF_UP. */
        String amount(BigDecimal amount, String currency) {
            int digits = Currencies.minorDigits(currency);
            DecimalFormat format = new DecimalFormat("#,##0", symbols);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(amount.setScale(digits, RoundingMode.HALF_UP));
        }

        /** (T − P) / P × 100 rounded down to 2 decimals, as the dashboard shows growth; a dash without a P. */
        String growth(BigDecimal turnover, BigDecimal lastYear) {
            if (lastYear.signum() <= 0) {
                return "—";
            }
            return percent(turnover.subtract(lastYear).movePointRight(2).divide(lastYear, 2, RoundingMode.FLOOR));
        }

        /** Spent / accrued in %, one decimal HALF_UP, as the dashboard; a dash when nothing was accrued. */
        String utilisation(BigDecimal spent, BigDecimal accrued) {
            if (accrued.signum() <= 0) {
                return "—";
            }
            return percent(spent.movePointRight(2).divide(accrued, 1, RoundingMode.HALF_UP));
        }

        private String percent(BigDecimal value) {
            DecimalFormat format = new DecimalFormat("#,##0.##", symbols);
            return text("format.percent", format.format(value));
        }

        String date(LocalDate date) {
            return dates.format(date);
        }

        String quarter(Quarter quarter) {
            return text("format.quarter", String.valueOf(quarter.year()), String.valueOf(quarter.number()));
        }

        String label(String key) {
            return bundle.getString(key);
        }

        String text(String key, String... args) {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        }
    }
}
