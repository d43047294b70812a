package io.periodclose.csv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The formula rule cell by cell: text is neutralised, the product's own amounts stay numbers. */
class SafeCsvTest {

    @Test
    void textCellsBeginningWithAFormulaCharacterGetALeadingQuoteNumbersDoNot() {
        StringBuilder out = new StringBuilder();
        SafeCsv csv = SafeCsv.printer(out, "text", "amount", "count");
        csv.record("=1+2", SafeCsv.number("-12.50"), 7L);
        csv.record("+C2", SafeCsv.number("12.50"), -3);
        csv.record("-12.50", BigDecimal.valueOf(-125, 1), null);
        csv.record("@SUM(A1)", SafeCsv.number("=1+2"), "x");
        csv.record("\tD1", SafeCsv.number("-1e3"), "\rD1");
        csv.record("D-1", "", "Ж=1");
        csv.flush();

        assertThat(out.toString()).isEqualTo("text,amount,count\n"
                + "'=1+2,-12.50,7\n'+C2,12.50,-3\n'-12.50,-12.5,\n'@SUM(A1),'=1+2,x\n"
                + "'\tD1,'-1e3,\"'\rD1\"\nD-1,,Ж=1\n");
    }
}
