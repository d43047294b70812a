package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Claim;
import io.periodclose.importing.RowParsers.Distributor;
import io.periodclose.importing.RowParsers.Payment;
import io.periodclose.importing.RowParsers.SalesLine;
import io.periodclose.importing.RowParsers.Target;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row parser fuzzed: whatever a row holds (random bytes, NUL, half characters, year 0, numbers PostgreSQL would
 * round past its columns, megabytes of text, too many or too few columns, broken quoting), every row comes out
 * accepted or rejected with a reason, never as an exception; and what is accepted fits the database's columns.
 */
class RowParserFuzzTest {

    private static final ReferenceData REFERENCE = ReferenceData.of(Map.of("D1", "RUB", "D2", "EUR", "D3", "JPY"));
    private static Path dir;

    @BeforeContainer
    static void directory() throws IOException {
        dir = Files.createTempDirectory("fuzz");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 2000)
    void everyRowOfOddValuesIsAcceptedOrRejectedWithAReason(@ForAll("kinds") ImportKind kind,
                                                           @ForAll("rows") List<String> values,
                                                           @ForAll boolean decimalComma) {
        check(kind, values.toArray(String[]::new), decimalComma);
    }

    /** A valid row of the kind with one to three of its values replaced by odd ones, so the odd value is judged. */
    @Property(tries = 3000)
    void aValidRowWithOddValuesSplicedInIsAcceptedOrRejectedWithAReason(@ForAll("kinds") ImportKind kind,
                                                                       @ForAll("splices") List<Map.Entry<Integer, String>> splices,
                                                                       @ForAll boolean decimalComma) {
        String[] values = VALID.get(kind).clone();
        if (decimalComma) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].equals("10.00") ? "10,00" : values[i];
            }
        }
        for (Map.Entry<Integer, String> splice : splices) {
            values[splice.getKey() % values.length] = splice.getValue();
        }
        check(kind, values, decimalComma);
    }

    private static final Map<ImportKind, String[]> VALID = Map.of(
            ImportKind.DISTRIBUTORS, new String[]{"D1", "Альфа", "GOLD", "RUB", "a@b.cd", "Москва"},
            ImportKind.SALES, new String[]{"INV1", "1", "INVOICE", "2026-01-15", "D1", "P1", "PRINTERS", "1", "10.00", "RUB"},
            ImportKind.TARGETS, new String[]{"D1", "2026-Q1", "10.00"},
            ImportKind.CLAIMS, new String[]{"C1", "D1", "2026-01-15", "CATALOGUES", "Каталоги", "10.00", "RUB"},
            ImportKind.PAYMENTS, new String[]{"PAY/1", "D1", "INV1", "2026-01-20", "10.00", "RUB"});

    private static void check(ImportKind kind, String[] values, boolean decimalComma) {
        CsvHeader header = CsvHeader.of(kind.columns(), kind, "fuzz.csv");
        CsvOptions options = new CsvOptions(StandardCharsets.UTF_8, ';', decimalComma);
        RowChecker checker = new RowChecker(kind, REFERENCE, options);

        ImportItem item = checker.check(new CsvRow(2, values, header));

        assertAcceptedFitsOrRejectedWithAReason(item);
    }

    @Provide
    Arbitrary<List<Map.Entry<Integer, String>>> splices() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), oddValue())
                .as(Map::entry).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 200)
    void aFileOfRandomBytesAfterItsHeaderGivesRowsAcceptedOrRejectedNeverAnException(
            @ForAll("kinds") ImportKind kind, @ForAll("bodies") byte[] body, @ForAll boolean after64KiB)
            throws IOException {
        Path file = Files.createTempFile(dir, "fuzz", ".csv");
        // the first 64 KiB decide whether the file is text at all; past them, every row is on its own
        String padding = after64KiB ? "\n".repeat(64 * 1024) : "";
        byte[] header = (String.join(",", kind.columns()) + "\n" + padding).getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[header.length + body.length];
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(body, 0, content, header.length, body.length);
        Files.write(file, content);
        CsvRowReader reader = new CsvRowReader(file, kind);
        RowChecker checker = new RowChecker(kind, REFERENCE);
        List<ImportItem> items = new ArrayList<>();
        try {
            reader.open(new ExecutionContext());
            for (CsvRow row = reader.read(); row != null; row = reader.read()) {
                items.add(checker.check(row));
            }
        } catch (io.periodclose.BadInputException wholeFile) {
            // a file that is binary or not UTF-8 from its first block is refused whole (exit 2), before any row
            assertThat(after64KiB).isFalse();
            assertThat(wholeFile.getMessage()).containsAnyOf("binary data", "is not UTF-8 text");
            return;
        } finally {
            reader.close();
            Files.delete(file);
        }
        long previous = 1;
        for (ImportItem item : items) {
            assertThat(item.row().line()).isGreaterThan(previous);
            previous = item.row().line();
            assertAcceptedFitsOrRejectedWithAReason(item);
        }
    }

    private static void assertAcceptedFitsOrRejectedWithAReason(ImportItem item) {
        if (item.isRejected()) {
            assertThat(item.rejection()).isNotBlank();
            assertThat(Shown.reason(item.rejection())).hasSizeLessThanOrEqualTo(Shown.REASON + 40)
                    .doesNotContain("\u0000");
            return;
        }
        Object record = item.as(Object.class);
        if (record instanceof Distributor d) {
            storable(d.code(), 40);
            storable(d.name(), 200);
            storable(d.email(), 254);
            storable(d.region(), 100);
        } else if (record instanceof SalesLine s) {
            storable(s.documentNo(), 40);
            storable(s.productCode(), 40);
            storable(s.productLine(), 40);
            storable(s.distributorCode(), 40);
            date(s.documentDate());
            fitsNumeric(s.quantity());
            fitsNumeric(s.netAmount());
        } else if (record instanceof Target t) {
            fitsNumeric(t.amount());
        } else if (record instanceof Claim c) {
            storable(c.claimId(), 40);
            storable(c.direction(), 40);
            storable(c.description(), 1000);
            date(c.claimDate());
            fitsNumeric(c.amount());
        } else if (record instanceof Payment p) {
            storable(p.paymentId(), 40);
            storable(p.documentNo(), 40);
            date(p.paidDate());
            fitsNumeric(p.amount());
            assertThat(p.amount().signum()).isPositive();
        } else {
            throw new AssertionError("unexpected record " + record);
        }
    }

    private static void storable(String text, int limit) {
        assertThat(text).hasSizeLessThanOrEqualTo(limit).doesNotContain("\u0000");
        assertThat(Shown.storable(text)).isEqualTo(text);
    }

    private static void date(LocalDate date) {
        assertThat(date.getYear()).isBetween(1900, 9999);
    }

    /** NUMERIC(20, 4), after PostgreSQL rounds to four decimals. */
    private static void fitsNumeric(BigDecimal value) {
        BigDecimal stored = value.setScale(4, RoundingMode.HALF_UP);
        assertThat(stored.precision() - stored.scale()).isLessThanOrEqualTo(16);
        assertThat(stored.signum()).isNotNegative();
    }

    @Provide
    Arbitrary<ImportKind> kinds() {
        return Arbitraries.of(ImportKind.class);
    }

    /** Rows of 0 to 12 values, most of them nearly valid, some odd. */
    @Provide
    Arbitrary<List<String>> rows() {
        return oddValue().list().ofMinSize(0).ofMaxSize(12);
    }

    private Arbitrary<String> oddValue() {
        Arbitrary<String> valid = Arbitraries.of("D1", "D2", "D3", "D9", "GOLD", "RUB", "EUR", "JPY", "INVOICE",
                "CREDIT_NOTE", "2026-01-15", "2026-Q1", "1", "10.00", "1234,50", "a@b.cd", "CATALOGUES", "P1", "Москва",
                "ООО \"Альфа\"", "");
        Arbitrary<String> odd = Arbitraries.of("0000-01-01", "0001-01-01", "1899-12-31", "9999-12-31", "+10000-01-01",
                "2026-02-30", "٢٠٢٦-01-15", "2026-Q0", "0000-Q1", "99999-Q1", "9999999999999999.99995",
                "99999999999999999", "-0", "-1", "1e3", "NaN", "0." + "0".repeat(20_000) + "1", "1" + "0".repeat(400),
                "١٢٣", "𝟙𝟚", "1,2,3", "1.2.3", ".5", "5.", " 7 ", "\u0000", "D1\u0000", "a\u0000b@c.de",
                "\uD800", "x\uDC00y", "\uFFFD", "\uFEFFD1", " D1", "D1 ", "\t", "\r\n", "=cmd", "../x", "a".repeat(41),
                "x".repeat(1_001), "я".repeat(201), "@".repeat(255), "2147483648", "999999999", "0", "00000000001");
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> huge = Arbitraries.strings().withChars('a', 'я', '\u0000', '.', '1').ofMinLength(100)
                .ofMaxLength(3_000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, valid), net.jqwik.api.Tuple.of(3, odd),
                net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(1, huge));
    }

    /** Random bytes, and rows of CSV text with random bytes, quotes, separators and NULs spliced in. */
    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("D1", "2026-01-15", "10.00", "RUB", "INVOICE", ",", "\"", "\"\"", "\n", "\r\n", "\r",
                        "\u0000", "Москва", ";", " ", "\t", "0000-01-01", "\"unclosed"),
                Arbitraries.strings().all().ofMaxLength(8));
        Arbitrary<byte[]> text = piece.list().ofMaxSize(300)
                .map(pieces -> String.join("", pieces).getBytes(StandardCharsets.UTF_8));
        return Combinators.combine(text, noise, Arbitraries.integers().between(0, 2))
                .as((t, n, mode) -> switch (mode) {
                    case 0 -> t;
                    case 1 -> n;
                    default -> splice(t, n);
                });
    }

    private static byte[] splice(byte[] text, byte[] noise) {
        int at = text.length / 2;
        byte[] out = new byte[text.length + noise.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(noise, 0, out, at, noise.length);
        System.arraycopy(text, at, out, at + noise.length, text.length - at);
        return out;
    }
}
