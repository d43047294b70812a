package io.periodclose.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvWriterTest {

    @Test
    void quotesOnlyWhatRfc4180RequiresAndDoublesQuotes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        try (CsvWriter csv = new CsvWriter(file)) {
            csv.header("a", "b");
            csv.text("ООО «Альфа»").text("Альфа, ООО").text("АО \"Вега\"").text("two\nlines").text("cr\r").endRow();
            csv.text("").plain("D000001").number(0).number(42).padded("INV-", 42, 7).endRow();
            assertEquals(2, csv.rows());
        }
        assertEquals("""
                a,b
                ООО «Альфа»,"Альфа, ООО","АО ""Вега""\","two
                lines","cr\r"
                ,D000001,0,42,INV-0000042
                """, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void writesAmountsWithExactlyTheMinorDigits(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        try (CsvWriter csv = new CsvWriter(file)) {
            csv.amount(0, 2).amount(5, 2).amount(123_450, 2).amount(100, 2).amount(1_235, 0).amount(0, 0)
                    .amount(1_234_567, 3).amount(-705, 2).endRow();
        }
        assertEquals("0.00,0.05,1234.50,1.00,1235,0,1234.567,-7.05\n", Files.readString(file));
    }
}
