package io.periodclose.reporting;

import io.periodclose.expiry.ExpiryService;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.statement.Pdf;
import io.periodclose.statement.PdfA;
import io.periodclose.statement.ProgrammeReportRenderer;
import io.periodclose.statement.StatementFiles;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The year-end's programme report: its figures read back with PDFBox and held against hand-computed ones and against
 * the ledger's and the {@code rebates} report's; its charts' bars measured on the rendered page. Its first page is left as target/programme-report.png (the README's
 * picture, docs/images/programme-report.png, is a copy of it).
 */
@DatabaseTest
class ProgrammeReportTest {

    static final Path OUT = Path.of("target/test-out/statements");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    CsvReports reports;
    @Autowired
    BonusFundQueries fund;
    @Autowired
    ProgrammeFigures figures;
    @Autowired
    ProgrammeReportRenderer renderer;

    @Test
    void theYearEndWritesTheProgrammeReportWithTheLedgersAndTheReportsFigures() throws Exception {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(OUT);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "GOLD", "EUR")
                .distributor("D3", "BRONZE", "EUR")
                .distributor("D9", "SILVER", "JPY")
                .invoice("D1", "2025-02-10", "LAPTOPS", "8000.00", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-03-10", "LAPTOPS", "5000.00", "EUR")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR")
                .target("D3", "2026-Q1", "10000.00")
                .invoice("D9", "2026-03-05", "MONITORS", "123457", "JPY")
                .claim("C1", "D1", "2026-04-01", "CATALOGUES", "100.00", "EUR");
        Books.markClosed(jdbc, "2025-Q1"); // last year's sales, for growth only
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false));
        completed(closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2026-07-02"), false));
        completed(closes.close(Quarter.parse("2026-Q3"), LocalDate.parse("2026-10-02"), false));
        completed(closes.close(Quarter.parse("2026-Q4"), LocalDate.parse("2027-01-02"), false));
        JobExecution yearEnd = expiries.expire(2026);
        completed(yearEnd);
        assertThat(yearEnd.getStepExecutions()).extracting(s -> s.getStepName()).last()
                .isEqualTo("writeProgrammeReport");

        Path file = OUT.resolve("2026").resolve(StatementFiles.PROGRAMME_REPORT);
        byte[] bytes = Files.readAllBytes(file);
        String text = Pdf.read(bytes).flat();

        // Q1, GOLD: D1 1.5 % of 10 000.00 + growth 25 % over 8 000.00 → +1.0 % = 250.00; D2 1.5 % of 5 000.00 = 75.00;
        // the tier grew (15 000 − 8 000) / 8 000 = 87.5 %. BRONZE: D3 0.5 % of 7 999.99 = 40.00, 79.99 % of its target
        // reaches no rung, and had no turnover a year earlier. JPY: D9 SILVER 1 % of 123 457 = 1 235.
        assertThat(text).contains("Отчёт о бонусной программе", "2026 год", "PR-2026",
                "Закрытые кварталы: 1 кв. 2026, 2 кв. 2026, 3 кв. 2026, 4 кв. 2026",
                "Затраты программы по кварталам и уровням · EUR",
                "1 кв. 2026 BRONZE 1 7 999,99 0,00 — 40,00",
                "1 кв. 2026 GOLD 2 15 000,00 8 000,00 87,5 % 325,00",
                "2 кв. 2026 GOLD 2 0,00 0,00 — 0,00",
                // the year: (22 999.99 − 8 000) / 8 000 = 187.499875 % rounded down
                "Кварталы 2026 22 999,99 8 000,00 187,49 % 365,00",
                "Затраты программы 2026 365,00",
                "1 кв. 2026 SILVER 1 123 457 0 — 1 235");
        // the fund: accrued 365.00 for Q1, C1 spends 100.00 in Q2, the rest lapses at 31.12: 250 − 100 + 75 + 40 = 265;
        // used 100 / 365 = 27.4 %
        assertThat(text).contains("Бонусный фонд · EUR", "1 кв. 2026 365,00 0,00 0,00 0,00",
                "2 кв. 2026 0,00 0,00 100,00 0,00", "4 кв. 2026 0,00 0,00 0,00 265,00",
                "2026 год 27,4 % 365,00 0,00 100,00 265,00",
                "Бонусный фонд · JPY", "2026 год 0 % 1 235 0 0 1 235");

        // the same figures as the ledger's totals ...
        BonusFundQueries.CurrencyTotals eur = fund.totalsByCurrency().get("EUR");
        assertThat(eur.accrued()).isEqualByComparingTo("365.00");
        assertThat(eur.spent()).isEqualByComparingTo("100.00");
        assertThat(eur.expired()).isEqualByComparingTo("265.00");
        // ... and as the rebates report of Q1 (the total is the last column)
        StringBuilder csv = new StringBuilder();
        reports.rebates(Quarter.parse("2026-Q1"), csv);
        BigDecimal eurBonus = csv.toString().lines().skip(1).filter(line -> line.contains(",EUR,"))
                .map(line -> new BigDecimal(line.substring(line.lastIndexOf(',') + 1)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(eurBonus).isEqualByComparingTo("365.00");

        assertThat(PdfA.violations(bytes)).as("veraPDF, PDF/A-2b").isEmpty();
        // reproducible, charts included: rendered again from the same books, the same bytes
        LocalDate issued = yearEnd.getJobParameters().getLocalDate("business.date");
        assertThat(renderer.render(figures.of(2026), "Принтеры и Ко АО", issued, Locale.forLanguageTag("ru")))
                .isEqualTo(bytes);

        // reproducible: dated the year-end's business date, whatever the clock said
        try (PDDocument document = Loader.loadPDF(bytes)) {
            LocalDate businessDate = yearEnd.getJobParameters().getLocalDate("business.date");
            assertThat(document.getDocumentInformation().getCreationDate().toInstant().toString())
                    .isEqualTo(businessDate + "T00:00:00Z");
            Path png = Path.of("target", "programme-report.png");
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png", png.toFile());
            assertThat(png).isNotEmptyFile();

            // the charts, measured on the page: a bar's height in pixels is proportional to its amount (the value
            // axis starts at 0). EUR's cost in Q1 stacks GOLD 325.00 on BRONZE 40.00; its fund accrues 365.00 in Q1,
            // spends 100.00 in Q2, and 265.00 expire in Q4.
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 200);
            double bronze = tallestBar(page, 0x2E5E8C);
            double gold = tallestBar(page, 0x6F9BD1);
            double accrued = tallestBar(page, 0x3A7D5C);
            double spent = tallestBar(page, 0x8E6BB0);
            double expired = tallestBar(page, 0xB5563C);
            assertThat(gold / bronze).as("GOLD / BRONZE in Q1").isCloseTo(325.0 / 40.0, withinPercentage(5));
            assertThat(accrued / spent).as("accrued / spent").isCloseTo(3.65, withinPercentage(3));
            assertThat(expired / spent).as("expired / spent").isCloseTo(2.65, withinPercentage(3));
            assertThat(tallestBar(page, 0xC9A227)).as("no annual rebate this year: only its legend's swatch")
                    .isLessThan(spent / 2);
        }
    }

    /** The longest vertical run of pixels of exactly this colour: the tallest bar drawn in it. */
    private static double tallestBar(BufferedImage page, int rgb) {
        int tallest = 0;
        for (int x = 0; x < page.getWidth(); x++) {
            int run = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                run = (page.getRGB(x, y) & 0xFFFFFF) == rgb ? run + 1 : 0;
                tallest = Math.max(tallest, run);
            }
        }
        return tallest;
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
