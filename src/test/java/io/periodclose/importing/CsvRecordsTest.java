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

/** {@link CsvRecords} reads every text as commons-csv does: the same records, line numbers and failures. */
class CsvRecordsTest {

    private static final CSVFormat SEMICOLON = CsvInputFile.format(CsvOptions.of("UTF-8", ";", true));

    @Property(tries = 3000)
    void anyTextGivesWhatCommonsCsvGives(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 9) int buffer) {
        assertThat(read(text, CsvInputFile.FORMAT, buffer)).as(text).isEqualTo(commonsCsv(text, CsvInputFile.FORMAT));
        assertThat(read(text, SEMICOLON, buffer)).as(text).isEqualTo(commonsCsv(text, SEMICOLON));
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
    void fromTheFirstQuoteOnCommonsCsvReadsTheRestAndTheLinesCountOn() {
        assertThat(read("a,b\nc,\"d\ne\",f\ng,h\n", CsvInputFile.FORMAT, 64)).containsExactly(
                "1 [a, b]", "2 [c, d\ne, f]", "4 [g, h]");
        assertThat(read("a\rb\nc\n", CsvInputFile.FORMAT, 64)).containsExactly("1 [a]", "2 [b]", "3 [c]");
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
        List<String> seen = new ArrayList<>();
        CsvRecords records = new CsvRecords(new StringReader(text), format, buffer);
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
            } catch (UncheckedIOException | IllegalStateException e) {
                seen.add(line + " failed: " + e.getCause());
            }
        }
        return seen;
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
