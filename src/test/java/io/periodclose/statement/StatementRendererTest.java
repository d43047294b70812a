package io.periodclose.statement;

import io.periodclose.period.Quarter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.periodclose.statement.SampleStatements.ALFA;
import static io.periodclose.statement.SampleStatements.Q3;
import static io.periodclose.statement.SampleStatements.SHA;
import static io.periodclose.statement.SampleStatements.d;
import static io.periodclose.statement.SampleStatements.header;
import static io.periodclose.statement.StatementRenderer.ENGLISH;
import static io.periodclose.statement.StatementRenderer.RUSSIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renders real PDFs and reads them back with PDFBox. Each PDF is also left under target/statements for a look.
 * Russian amounts group digits with a no-break space, which {@link Pdf} reads as a plain space.
 */
class StatementRendererTest {

    private static StatementRenderer renderer;

    @BeforeAll
    static void renderer() {
        renderer = new StatementRenderer(Path.of("reports"));
    }

    private static Pdf quarter(QuarterStatement statement, Locale locale, String name) {
        return keep(renderer.renderQuarter(statement, locale), name);
    }

    private static Pdf annual(AnnualStatement statement, Locale locale, String name) {
        return keep(renderer.renderAnnual(statement, locale), name);
    }

    private static Pdf keep(byte[] bytes, String name) {
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try {
            Path out = Path.of("target", "statements", name + ".pdf");
            Files.createDirectories(out.getParent());
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Pdf.read(bytes);
    }

    @Test
    void aStatementRenderedTwiceIsTheSameFileDatedItsIssueDate() throws Exception {
        byte[] first = renderer.renderQuarter(SampleStatements.alfaQ3(), null);
        Thread.sleep(1100); // a clock in the file would have moved on
        byte[] second = new StatementRenderer(Path.of("reports")).renderQuarter(SampleStatements.alfaQ3(), null);

        assertThat(second).isEqualTo(first);
        try (PDDocument document = Loader.loadPDF(first)) {
            // issued 02.10.2026: created and modified at its midnight UTC, whatever the clock said
            assertThat(document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(Instant.parse("2026-10-02T00:00:00Z"));
            assertThat(document.getDocumentInformation().getModificationDate().toInstant())
                    .isEqualTo(Instant.parse("2026-10-02T00:00:00Z"));
            // PDF/A's XMP metadata carries the same date
            assertThat(new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8))
                    .contains("<xmp:CreateDate>2026-10-02T00:00:00Z</xmp:CreateDate>");
            // the trailer id is the start of the SHA-256 of the document id, both halves
            byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                    .digest("QS-2026-Q3-D0042".getBytes(StandardCharsets.UTF_8)), 16);
            COSArray id = document.getDocument().getTrailer().getCOSArray(COSName.ID);
            assertThat(((COSString) id.getObject(0)).getBytes()).isEqualTo(expected);
            assertThat(((COSString) id.getObject(1)).getBytes()).isEqualTo(expected);
        }
        assertThat(Pdf.read(first).fontsEmbedded().keySet()).allMatch(name -> name.startsWith("AAAAAA+"));
    }

    @Test
    void quarterAndAnnualStatementsInBothLanguagesArePdfA2b() {
        assertThat(PdfA.violations(renderer.renderQuarter(SampleStatements.alfaQ3(), null))).isEmpty();
        assertThat(PdfA.violations(renderer.renderQuarter(SampleStatements.alfaQ3(), ENGLISH))).isEmpty();
        assertThat(PdfA.violations(renderer.renderAnnual(SampleStatements.alfa2026(), null))).isEmpty();
        assertThat(PdfA.violations(renderer.renderAnnual(SampleStatements.alfa2026(), ENGLISH))).isEmpty();
    }

    @Test
    void russianQuarterStatementWithClaimsAnAdjustmentAndANegativeBalance() {
        Pdf pdf = quarter(SampleStatements.alfaQ3(), null, "quarter-ru");

        assertThat(pdf.pages()).hasSize(1);
        String text = pdf.flat();
        assertThat(text).contains(ALFA, "Код дистрибьютора D0042", "QS-2026-Q3-D0042", "02.10.2026",
                "3 кв. 2026 (01.07.2026 – 30.09.2026)", "MB-2026", SHA);
        assertThat(text).contains("Входящий остаток на 01.07.2026 1 250,00",
                "01.07.2026 Начисление бонуса за 2 кв. 2026 +6 000,00 7 250,00",
                "Корректировка бонуса за 2 кв. 2026",
                "Исходящий остаток на 30.09.2026 -1 234,50");
        // A claim: its amount, the part the bonus paid and the distributor's part.
        assertThat(text).contains("Заявка № C-1003 · Выставки · Стенд на выставке «Офис-Экспо»",
                "Сумма заявки 3 000,00 · оплачено из бонуса 400,00 из запрошенных 3 000,00 · оплачивает дистрибьютор 2 600,00",
                "не покрыта, бонус исчерпан");
        // opening + accrued ± adjustments − spent − expired = closing: 1 250.00 + 6 000.00 − 1 584.50 − 6 900.00 − 0
        assertThat(text).contains("1 250,00 6 000,00 -1 584,50 6 900,00 0,00 -1 234,50");
        // The bonus: every component with its base, rung and rate, the total, its credit date and the next rung.
        assertThat(text).contains("Чистый оборот за квартал 120 000,00 EUR план 150 000,00",
                "Базовый бонус Уровень партнёра GOLD 120 000,00 — 1,5 % 1 800,00",
                "Выполнение плана Выполнение 80 % плана 150 000,00 120 000,00 80 % 2 % 2 400,00",
                "Рост 20 % к 100 000,00 за тот же квартал прошлого года 120 000,00 10 % 0,5 % 600,00",
                "Бонус за 3 кв. 2026 будет зачислен на бонусный счёт 01.10.2026 4 800,00 EUR",
                "Ещё 30 000,00 оборота — и был бы достигнут порог выполнения плана 100 %");
        assertThat(text).doesNotContain("Ограничение");
        assertThat(text).contains("Страница 1 из 1");
    }

    @Test
    void everyFontIsEmbedded() {
        Pdf pdf = quarter(SampleStatements.alfaQ3(), RUSSIAN, "quarter-ru-fonts");

        assertThat(pdf.fontsEmbedded()).isNotEmpty().allSatisfy((font, embedded) ->
                assertThat(embedded).as("font %s is embedded", font).isTrue());
        assertThat(pdf.fontsEmbedded().keySet()).allMatch(name -> name.contains("DejaVu"));
    }

    @Test
    void englishIsSelectableFromTheSameTemplate() {
        Pdf pdf = quarter(SampleStatements.alfaQ3(), ENGLISH, "quarter-en");

        String text = pdf.flat();
        assertThat(text).contains("Bonus account statement", "Quarterly settlement for Q3 2026",
                "Opening balance on 01 Jul 2026 1,250.00", "Closing balance on 30 Sep 2026 -1,234.50",
                "Accrual of the bonus for Q2 2026 +6,000.00", "Target attainment", "Page 1 of 1", ALFA);
        assertThat(text).doesNotContain("Страница", "Входящий");
    }

    @Test
    void yenAmountsHaveNoDecimals() {
        QuarterStatement jpy = new QuarterStatement(header("D0777", "ООО «Токио-Трейд»", "JPY", "QS-2026-Q3-D0777"),
                Q3, "MB-2026", SHA, d("125000"),
                List.of(Movement.accrual(Q3.previous(), d("48000")),
                        SampleStatements.claim("C-7001", LocalDate.of(2026, 8, 1), "SAMPLES", "", "10001", "5001",
                                "5001")),
                d("167999"), SampleStatements.noTurnoverQ3("JPY", "-1500"));

        String text = quarter(jpy, RUSSIAN, "quarter-jpy").flat();

        assertThat(text).contains("125 000", "+48 000", "-5 001", "167 999", "Сумма заявки 10 001");
        assertThat(text).doesNotContainPattern("\\d,\\d");
    }

    @Test
    void manyMovementsFlowOntoFurtherPagesUnderARepeatedColumnHeader() {
        Pdf pdf = quarter(SampleStatements.manyMovements(65), RUSSIAN, "quarter-many");

        assertThat(pdf.pages()).hasSizeGreaterThanOrEqualTo(2);
        int pages = pdf.pages().size();
        for (int i = 0; i < pages; i++) {
            assertThat(pdf.pages().get(i)).contains("Страница " + (i + 1) + " из " + pages, "QS-2026-Q3-D0042");
        }
        assertThat(pdf.pages().get(1)).contains("Дата Содержание Сумма, EUR Остаток, EUR");
        assertThat(pdf.flat()).contains("№ C-0000", "№ C-0064", "Исходящий остаток на 30.09.2026 9 350,00");
    }

    @Test
    void aLongLegalNameWrapsInsteadOfBeingCut() {
        String longName = "Общество с ограниченной ответственностью «Торгово-промышленная компания "
                + "Северо-Западный региональный дистрибьюторский центр офисной техники и расходных материалов»";
        QuarterStatement s = SampleStatements.alfaQ3();
        QuarterStatement renamed = new QuarterStatement(header("D0042", longName, "EUR", "QS-2026-Q3-D0042"),
                s.period(), s.programId(), s.programSha256(), s.openingBalance(), s.movements(), s.closingBalance(),
                s.bonus());

        assertThat(quarter(renamed, RUSSIAN, "quarter-long-name").flat()).contains(longName);
    }

    @Test
    void theCapIsShownWhenItApplied() {
        QuarterStatement capped = new QuarterStatement(header("D0042", ALFA, "EUR", "QS-2026-Q2-D0042"),
                SampleStatements.Q2, "MB-2026", SHA, d("0.00"),
                List.of(Movement.accrual(new Quarter(2026, 1), d("700.00"))), d("700.00"), SampleStatements.cappedQ2());

        String text = quarter(capped, RUSSIAN, "quarter-capped").flat();

        // 1 800.00 + 6 000.00 + 600.00 + 200.00 = 8 600.00, capped at 5 % of 120 000.00 = 6 000.00
        assertThat(text).contains("Акция PRINTERS Оборот PRINTERS с 01.03.2026 по 31.05.2026 20 000,00 — 1 % 200,00",
                "Сумма составляющих 8 600,00", "Ограничение 5 % оборота 6 000,00",
                "Бонус за 2 кв. 2026 будет зачислен на бонусный счёт 01.07.2026 6 000,00 EUR");
        assertThat(text).doesNotContain("Ещё"); // the top rung was reached
    }

    @Test
    void textTheFontCannotShowIsRefusedRatherThanLeftBlank() {
        QuarterStatement s = SampleStatements.alfaQ3();
        QuarterStatement tokyo = new QuarterStatement(header("D0777", "株式会社 東京トレード", "EUR", "QS-1"),
                s.period(), s.programId(), s.programSha256(), s.openingBalance(), s.movements(), s.closingBalance(),
                s.bonus());

        assertThatThrownBy(() -> renderer.renderQuarter(tokyo, RUSSIAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QS-1").hasMessageContaining("株式会社 東京トレード");
    }

    @Test
    void noPositiveTurnoverIsSaidInsteadOfListingZeros() {
        QuarterStatement s = SampleStatements.alfaQ3();
        QuarterStatement none = new QuarterStatement(s.header(), s.period(), s.programId(), s.programSha256(),
                s.openingBalance(), s.movements(), s.closingBalance(), SampleStatements.noTurnoverQ3("EUR", "-250.00"));

        String text = quarter(none, RUSSIAN, "quarter-no-turnover").flat();

        assertThat(text).contains("За 3 кв. 2026 нет положительного чистого оборота (-250,00)",
                "Бонус за 3 кв. 2026 будет зачислен на бонусный счёт 01.10.2026 0,00 EUR",
                "Ещё 120 250,00 оборота"); // 80 % of 150 000.00 = 120 000.00, from −250.00
        assertThat(text).doesNotContain("Составляющая", "Базовый бонус");
    }

    @Test
    void aQuarterWithoutMovementsSaysSo() {
        QuarterStatement quiet = new QuarterStatement(header("D0042", ALFA, "EUR", "QS-2026-Q3-D0042"), Q3,
                "MB-2026", SHA, d("0.00"), List.of(), d("0.00"), SampleStatements.noTurnoverQ3("EUR", "0.00"));

        Pdf pdf = quarter(quiet, RUSSIAN, "quarter-empty");

        assertThat(pdf.flat()).contains("Движений за период не было.", "Исходящий остаток на 30.09.2026 0,00",
                "Страница 1 из 1");
    }

    @Test
    void annualStatementGroupsTheYearByQuarterWithSubtotalsAndTheExpiry() {
        Pdf pdf = annual(SampleStatements.alfa2026(), null, "annual-ru");

        String text = pdf.flat();
        assertThat(text).contains(ALFA, "Годовая выписка за 2026", "AS-2026-D0042", "01.01.2026 – 31.12.2026",
                "Входящий остаток на 01.01.2026 500,00");
        // Q1: 500.00 + 2 000.00 − 700.00 = 1 800.00
        assertThat(text).contains("1 кв. 2026 · 01.01.2026 – 31.03.2026 Входящий остаток на 01.01.2026 500,00",
                "Итого за 1 кв. 2026 +1 300,00 1 800,00",
                "начислено 2 000,00 · корректировки 0,00 · оплачено заявок 700,00");
        // Q2: +3 000.00 → 4 800.00; Q3: nothing; Q4: −300.00 − 1 500.00 → 3 000.00
        assertThat(text).contains("Итого за 2 кв. 2026 +3 000,00 4 800,00",
                "3 кв. 2026 · 01.07.2026 – 30.09.2026 Входящий остаток на 01.07.2026 4 800,00 Движений за период не было.",
                "Итого за 3 кв. 2026 0,00 4 800,00",
                "перерасчёт по кредит-ноте",
                "Итого за 4 кв. 2026 -1 800,00 3 000,00");
        assertThat(text).contains("Остаток на 31.12.2026 до списания 3 000,00",
                "Списание неиспользованного бонуса на 31.12.2026 -3 000,00",
                "Исходящий остаток на 31.12.2026 0,00",
                "500,00 5 000,00 -300,00 2 200,00 3 000,00 0,00");
        assertThat(text).contains("Страница 1 из ");
        assertThat(pdf.fontsEmbedded()).isNotEmpty()
                .allSatisfy((font, embedded) -> assertThat(embedded).as("font %s is embedded", font).isTrue());
    }

    @Test
    void annualStatementInEnglishWithANegativeBalanceCarried() {
        AnnualStatement carried = new AnnualStatement(header("D0042", ALFA, "EUR", "AS-2026-D0042"), 2026,
                d("100.00"), List.of(Movement.adjustment(LocalDate.of(2026, 2, 1), new Quarter(2025, 4),
                d("-400.00"), null)), d("0.00"), d("-300.00"));

        String text = annual(carried, ENGLISH, "annual-en-carried").flat();

        assertThat(text).contains("Annual statement for 2026", "Total for Q1 2026 -400.00 -300.00",
                "The balance is negative: it is carried into the next year, not expired.",
                "Closing balance on 31 Dec 2026 -300.00", "Page 1 of 1");
    }

    @Test
    void oneRendererServesSeveralThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Locale locale = i % 2 == 0 ? RUSSIAN : ENGLISH;
                texts.add(pool.submit(() -> Pdf.read(renderer.renderQuarter(SampleStatements.alfaQ3(), locale)).flat()));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(texts.get(i).get()).contains(ALFA, i % 2 == 0 ? "Страница 1 из 1" : "Page 1 of 1");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachTemplateIsCompiledOnce() {
        assertThat(renderer.template(StatementRenderer.QUARTER_TEMPLATE))
                .isSameAs(renderer.template(StatementRenderer.QUARTER_TEMPLATE));
    }

    @Test
    void theClassPathCopyServesWhenTheDirectoryHasNoTemplate() {
        StatementRenderer packaged = new StatementRenderer(Path.of("target", "no-such-directory"));

        assertThat(Pdf.read(packaged.renderAnnual(SampleStatements.alfa2026(), RUSSIAN)).flat()).contains(ALFA);
    }
}
