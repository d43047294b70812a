package io.periodclose.importing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CopyCsvTest {

    @Test
    void quotesEveryTextAndDoublesItsQuotesInAsciiAndBeyond() {
        CopyCsv csv = new CopyCsv(4);
        csv.text("").text("INV-1").text("say \"hi\", twice").text("ООО \"Альфа\"").text("🙂 \"x\"").text("a\nb").endRow();

        assertThat(new String(csv.take(), StandardCharsets.UTF_8))
                .isEqualTo("\"\",\"INV-1\",\"say \"\"hi\"\", twice\",\"ООО \"\"Альфа\"\"\",\"🙂 \"\"x\"\"\",\"a\nb\"\n");
    }

    @Test
    void writesDecimalsAsToPlainStringDoes() {
        String[] values = {"0", "7", "10", "0.5", "0.05", "0.0001", "1234.50", "1500", "99999999999999.9999",
                "123456789012345678", "1234567890123456789.5", "1E+3", "-12.50", "0.000"};
        for (String value : values) {
            BigDecimal decimal = new BigDecimal(value);
            CopyCsv csv = new CopyCsv(1);
            csv.decimal(decimal);
            assertThat(new String(csv.take(), StandardCharsets.US_ASCII)).as(value).isEqualTo(decimal.toPlainString());
        }
    }

    @Test
    void writesDatesNumbersAndPlainFieldsSeparatedByCommas() {
        CopyCsv csv = new CopyCsv(8);
        csv.date(LocalDate.of(2026, 1, 5)).date(LocalDate.of(999, 12, 31)).number(0).number(42).number(-7)
                .number(Long.MIN_VALUE).plain("CREDIT_NOTE").endRow();
        csv.plain("RUB").endRow();

        assertThat(new String(csv.take(), StandardCharsets.US_ASCII))
                .isEqualTo("2026-01-05,0999-12-31,0,42,-7,-9223372036854775808,CREDIT_NOTE\nRUB\n");
    }
}
