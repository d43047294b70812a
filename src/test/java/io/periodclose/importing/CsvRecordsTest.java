package io.periodclose.importing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CsvRecords} reads every text commons-csv can read as commons-csv does (the same records and line numbers), and
 * any other text record by record, a record commons-csv cannot read costing only its first line.
 */
class CsvRecordsTest {

    private static final CSVFormat SEMICOLON = CsvInputFile.format(CsvOptions.of("UTF-8", ";", true));

    @Property(tries = 3000)
    void anyTextCommonsCsvCanReadGivesWhatCommonsCsvGives(@ForAll("texts") String text,
                                                          @ForAll @IntRange(min = 1, max = 9) int buffer) {
        for (CSVFormat format : List.of(CsvInputFile.FORMAT, SEMICOLON)) {
            List<String> expected = commonsCsv(text, format);
            if (expected.stream().noneMatch(record -> record.contains(" failed: "))) {
                assertThat(read(text, format, buffer)).as(text).isEqualTo(expected);
            }
        }
    }

    /**
     * Any text at all: each record is the one commons-csv reads from the line it starts on, and the next starts where
     * commons-csv's ended; a record commons-csv cannot read costs its first line only, the next record starting on
     * the line after it.
     */
    @Property(tries = 3000)
    void eachRecordIsCommonsCsvsFromItsLineAndAnUnreadableOneCostsOneLine(
            @ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 9) int buffer) {
        for (CSVFormat format : List.of(CsvInputFile.FORMAT, SEMICOLON)) {
            List<Integer> starts = lineStarts(text);
            long expectedLine = 1;
            for (String record : read(text, format, buffer)) {
                long line = Long.parseLong(record.substring(0, record.indexOf(' ')));
                assertThat(line).as(text).isEqualTo(expectedLine);
                String fromThere = text.substring(starts.get((int) line - 1));
                String first = commonsCsv(fromThere, format).get(0);
                if (record.contains(" failed: ")) {
                    assertThat(first).as(text).startsWith("1 failed: ");
                    expectedLine = line + 1;
                } else {
                    assertThat(record).as(text).isEqualTo(line + first.substring(1));
                    expectedLine = line + linesOfFirstRecord(fromThere, format);
                }
            }
            assertThat(expectedLine - 1).as(text).isEqualTo(starts.size() - (text.isEmpty() ? 1 : 0)
                    - (endsWithLineEnd(text) ? 1 : 0));
        }
    }
    @Provide
    Arbitrary<String> texts() {
        // U+1D11E as its two halves, which also come alone
        return Arbitraries.strings().withChars('a', 'b', ',', ';', '"', '\r', '\n', ' ', '\t', 'é', '\u0000',
                        '\uD834', '\uDD1E', '\uFFFD', '\uFFFF')
                .ofMaxLength(40);
    }

    @Test
    void plainLinesAreSplitAtEveryDelimiterWithTheirLineNumbers() {
        assertThat(read("a,b\n,\r\n\nx,,y,\nlast", CsvInputFile.FORMAT, 3)).containsExactly(
                "1 [a, b]", "2 [, ]", "3 []", "4 [x, , y, ]", "5 [last]");
    }

    @Test
    void aLineWithAQuoteIsReadOnOverTheLinesItsQuotedValueSpans() {
        assertThat(read("a,b\nc,\"d\ne\",f\ng,h\n", CsvInputFile.FORMAT, 64)).containsExactly(
                "1 [a, b]", "2 [c, d\ne, f]", "4 [g, h]");
        assertThat(read("a\rb\nc\n", CsvInputFile.FORMAT, 64)).containsExactly("1 [a]", "2 [b]", "3 [c]");
        assertThat(read("\"a\r\nb\",\"x\"\"y\" \r\n\"\"\r\nk\"l,m\r\n", CsvInputFile.FORMAT, 3)).containsExactly(
                "1 [a\r\nb, x\"y]", "3 []", "4 [k\"l, m]");
    }

    @Test
    void aQuoteNeverClosedCostsItsLineAndTheLinesAfterItAreRead() {
        String rest = "p,2\n".repeat(300);
        for (String end : List.of("\n", "\r\n")) {
            List<String> records = read(("h,n" + end + "a,1" + end + "b,1,\"Special offer" + end
                    + rest.replace("\n", end)), CsvInputFile.FORMAT, 16);
            assertThat(records).hasSize(303);
            assertThat(records.subList(0, 4)).containsExactly("1 [h, n]", "2 [a, 1]",
                    "3 failed: a quote opened on this line is never closed", "4 [p, 2]");
            assertThat(records.get(302)).isEqualTo("303 [p, 2]");
        }
        assertThat(read("a\n\"b", CsvInputFile.FORMAT, 4)).containsExactly(
                "1 [a]", "2 failed: a quote opened on this line is never closed");
        assertThat(read("\"a\nb\",\"c\nd", CsvInputFile.FORMAT, 4)).containsExactly(
                "1 failed: a quote opened on line 2 of the record starting on this line is never closed",
                "2 failed: a quote opened on this line is never closed",
                "3 [d]");
    }

    @Test
    void aQuoteNotClosedWithinTheSpanCostsItsLineToo() {
        CsvRecords records = new CsvRecords(new StringReader("a,\"b\n" + "c,d\n".repeat(10) + "e\"\n"),
                CsvInputFile.FORMAT, 4, 20);
        assertThatThrownBy(records::next).isInstanceOf(CsvRecords.UnreadableRecord.class)
                .hasMessage("a quote opened on this line is not closed within the 20 characters after it");
        assertThat(records.currentLineNumber()).isEqualTo(1);
        assertThat(records.next()).containsExactly("c", "d");
        assertThat(records.currentLineNumber()).isEqualTo(2);
    }

    @Test
    void aStrayQuoteInAMiddleColumnCostsItsLineWhenTheRecordItMakesHasTheWrongNumberOfFields() {
        String text = "h,i,j\nB1,\"L,1\nB2,x,y\nB3,x,5\"\nB4,\"two\nlines\",w\n";
        for (String end : List.of("\n", "\r\n")) {
            assertThat(read(text.replace("\n", end), CsvInputFile.FORMAT, 5, 3)).containsExactly(
                    "1 [h, i, j]",
                    "2 failed: a quote opened on this line closes on line 4, in a record of 2 fields, the header 3"
                            + " (an unbalanced quote?)",
                    "3 [B2, x, y]",
                    "4 [B3, x, 5\"]",
                    "5 [B4, two" + end + "lines, w]");
        }
    }

    @Test
    void aStrayQuoteInAMiddleColumnStopsAtTheNextQuotedValueAndCostsItsLine() {
        String text = "h,i,j\nB1,\"L,1\nB2,x,y\nB3,\"quoted, fine\",z\n";
        for (String end : List.of("\n", "\r\n")) {
            assertThat(read(text.replace("\n", end), CsvInputFile.FORMAT, 5, 3)).containsExactly(
                    "1 [h, i, j]",
                    "2 failed: a quote opened on this line closes on line 4 with text after it (an unbalanced quote?)",
                    "3 [B2, x, y]",
                    "4 [B3, quoted, fine, z]");
        }
    }

    @Test
    void textAfterAClosingQuoteCostsItsLine() {
        assertThat(read("\"ML5\"x,1\r\nML6,2\r\n", CsvInputFile.FORMAT, 4)).containsExactly(
                "1 failed: text after the closing quote of field 1 (a quote inside a quoted value is written twice)",
                "2 [ML6, 2]");
        assertThat(read("a,\"b\nc\"d,e\nf,g\n", CsvInputFile.FORMAT, 4)).containsExactly(
                "1 failed: a quote opened on this line closes on line 2 with text after it (an unbalanced quote?)",
                "2 [c\"d, e]", "3 [f, g]");
    }

    @Test
    void aLineOfOrdinaryTextIsToldFromOneWithANulASurrogateOrAnUndecodableByte() {
        CsvRecords records = new CsvRecords(new StringReader("a,é\nb\u0000\nc\uFFFD\n𝄞\nd\n"), CsvInputFile.FORMAT, 4);
        List<Boolean> ordinary = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.next();
            ordinary.add(records.ordinaryText());
        }
        assertThat(ordinary).containsExactly(true, false, false, false, true);
    }

    @Test
    void aLineLongerThanTheBufferGrowsIt() {
        String longValue = "x".repeat(1000);
        assertThat(read("a," + longValue + "\nb\n", CsvInputFile.FORMAT, 4))
                .containsExactly("1 [a, " + longValue + "]", "2 [b]");
    }

    /** Each record as "line [values]", or the failure, as {@link CsvRowReader} sees them. */
    private static List<String> read(String text, CSVFormat format, int buffer) {
        return read(text, format, buffer, 0);
    }

    /** The same, records that span lines having {@code fields} fields (0: any number). */
    private static List<String> read(String text, CSVFormat format, int buffer, int fields) {
        List<String> seen = new ArrayList<>();
        CsvRecords records = new CsvRecords(new StringReader(text), format, buffer);
        records.expectFields(fields);
        for (int step = 0; step < 1000; step++) {
            long line = records.currentLineNumber() + 1;
            try {
                String[] values = records.next();
                if (records.ordinaryText()) {
                    for (String value : values) {
                        assertThat(value.chars()).as(value)
                                .noneMatch(c -> c == 0 || Character.isSurrogate((char) (int) c) || c == '\uFFFD');
                    }
                }
                seen.add(line + " " + Arrays.toString(values));
            } catch (NoSuchElementException end) {
                return seen;
            } catch (CsvRecords.UnreadableRecord e) {
                seen.add(line + " failed: " + e.getMessage());
            }
        }
        return seen;
    }

    /** Where each physical line of the text starts, as commons-csv counts them ({@code \r\n} once). */
    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && !(i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static boolean endsWithLineEnd(String text) {
        return text.endsWith("\n") || text.endsWith("\r");
    }

    /** How many lines commons-csv reads for the text's first record. */
    private static long linesOfFirstRecord(String text, CSVFormat format) {
        try (CSVParser parser = format.parse(new StringReader(text))) {
            parser.iterator().next();
            return parser.getCurrentLineNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> commonsCsv(String text, CSVFormat format) {
        List<String> seen = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            for (int step = 0; step < 1000; step++) {
                long line = parser.getCurrentLineNumber() + 1;
                try {
                    seen.add(line + " " + Arrays.toString(records.next().values()));
                } catch (NoSuchElementException end) {
                    return seen;
                } catch (UncheckedIOException | IllegalStateException e) {
                    seen.add(line + " failed: " + e.getCause());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }
}
