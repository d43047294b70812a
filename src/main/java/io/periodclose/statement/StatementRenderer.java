package io.periodclose.statement;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Renders settlement statements (SPEC §6) to PDF with JasperReports. One template per statement, worded through the
 * resource bundle {@code reports/i18n/statement} in the requested locale, Russian by default.
 *
 * <p>A template is read from the directory {@code period-close.reports} (default {@code reports}) when it is there,
 * so that a template can be adjusted without a rebuild; otherwise from the copy packaged on the class path under
 * {@code reports/}, compiled by the build ({@link StatementTemplates}). Each template is loaded once, on first use,
 * and shared: a compiled report is safe to fill from several threads at once.
 */
@Component
public class StatementRenderer {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final Locale ENGLISH = Locale.forLanguageTag("en");

    static final String QUARTER_TEMPLATE = "quarter-statement.jrxml";
    static final String ANNUAL_TEMPLATE = "annual-statement.jrxml";
    private static final String BUNDLE = "reports.i18n.statement";

    private final StatementTemplates templates;
    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    /** Spring's way in. A plain string: Spring's own conversion would look for {@code reports} on the class path. */
    @Autowired
    public StatementRenderer(@Value("${period-close.reports:reports}") String templates) {
        this(Path.of(templates));
    }

    /** @param templates the directory to read templates from before falling back to the class path */
    public StatementRenderer(Path templates) {
        this.templates = new StatementTemplates(templates, StatementRenderer.class.getClassLoader());
    }

    /** @param locale the statement's language and number format; {@code null} for Russian */
    public byte[] renderQuarter(QuarterStatement statement, Locale locale) {
        StatementText text = text(locale, statement.header().currency());
        return render(QUARTER_TEMPLATE, StatementData.quarter(statement, text), text,
                text.label("quarter.title") + " · " + text.quarter(statement.period()), statement.header());
    }

    /** @param locale the statement's language and number format; {@code null} for Russian */
    public byte[] renderAnnual(AnnualStatement statement, Locale locale) {
        StatementText text = text(locale, statement.header().currency());
        return render(ANNUAL_TEMPLATE, StatementData.annual(statement, text), text,
                text.label("annual.title") + " · " + statement.year(), statement.header());
    }

    private byte[] render(String template, StatementData.Fill fill, StatementText text, String title,
                          StatementHeader header) {
        requireDisplayable(fill, header);
        Map<String, Object> all = new HashMap<>(fill.parameters());
        all.put(JRParameter.REPORT_LOCALE, text.locale());
        all.put(JRParameter.REPORT_RESOURCE_BUNDLE, text.bundle());
        try {
            JasperPrint print = JasperFillManager.fillReport(template(template), all,
                    new JRMapCollectionDataSource(fill.rows()));
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
            JRPdfExporter exporter = new ReproduciblePdfExporter(header.documentId(), header.issueDate());
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(pdf));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setCompressed(true);
            configuration.setMetadataTitle(title + " · " + header.distributorCode());
            configuration.setMetadataAuthor(header.issuerName());
            configuration.setMetadataSubject(header.documentId());
            ReproduciblePdfExporter.archival(configuration);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            return pdf.toByteArray();
        } catch (JRException e) {
            throw new IllegalStateException("cannot render " + header.documentId() + " with " + template, e);
        }
    }

    /**
     * PDF text in a font without a glyph for a character comes out blank: a Chinese legal name would print as
     * nothing at all. A statement that silently loses text must not be issued, so it is refused instead.
     */
    private static void requireDisplayable(StatementData.Fill fill, StatementHeader header) {
        Stream.concat(fill.parameters().values().stream(), fill.rows().stream().flatMap(row -> row.values().stream()))
                .filter(String.class::isInstance).map(String.class::cast)
                .filter(text -> !StatementGlyphs.printable(text))
                .findFirst().ifPresent(text -> {
                    throw new IllegalArgumentException(header.documentId() + ": the statement font ("
                            + StatementGlyphs.fontName() + ") has no glyph for "
                            + StatementGlyphs.describe(text, StatementGlyphs.firstMissing(text)) + " in \"" + text
                            + "\"");
                });
    }

    JasperReport template(String name) {
        return compiled.computeIfAbsent(name, n -> templates.load(n).report());
    }

    private static StatementText text(Locale locale, String currency) {
        Locale effective = locale == null ? RUSSIAN : locale;
        // No fallback to the JVM's default locale: on a Russian machine "en" must still find the English base bundle.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, effective, StatementRenderer.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new StatementText(bundle, effective, currency);
    }
}
