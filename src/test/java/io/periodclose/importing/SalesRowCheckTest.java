package io.periodclose.importing;

import io.periodclose.importing.RowParsers.SalesLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sales file read and checked as the import does it (reader, then checker), row by row: the reason of each reject
 * and the values of each accepted line, for the edge cases of every field. Columns come in any order, with an extra
 * one, so that reading by position is checked too.
 */
class SalesRowCheckTest {

    private static final ReferenceData REFERENCE = ReferenceData.of(Map.of("D1", "RUB", "D2", "JPY", "D3", "ABC"));
    private static final String HEADER = "currency,document_no,line_no,document_type,document_date,distributor_code,"
            + "product_code,note,product_line,quantity,net_amount,due_date";

    @TempDir
    Path dir;

    @Test
    void everyFieldsEdgeCasesGiveTheirReasonOrTheirValue() throws IOException {
        List<String> rows = List.of(
                "RUB,INV-1,1,INVOICE,2026-01-15,D1,P-1,x,LINE,2,1234.50,2026-02-14",
                " RUB ,INV-1,2,INVOICE,2026-01-15,D1,P-1,x,LINE, 2 , 12.50 ,",
                "RUB,INV-1\u2003,3,INVOICE,2026-01-15,D1,PRÖD-1,x,LINE\u00A0,0002.000,0.00,",
                "RUB,INV-1,٣,INVOICE,2026-01-15,D1,P-1,x,LINE,1,1,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,-1,1,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,+1,1,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,-0.5,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,1e3,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,12.345,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,12.3400,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,12345678901234567.5,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,1,9999999999999999.99995,",
                "RUB,INV-1,4,INVOICE,2026-01-15,D1,P-1,x,LINE,12345678901234567890,1,",
                "JPY,INV-2,1,INVOICE,2026-01-15,D2,P-1,x,LINE,1,1500.000,",
                "JPY,INV-2,2,INVOICE,2026-01-15,D2,P-1,x,LINE,1,1500.5,",
                "EUR,INV-2,3,INVOICE,2026-01-15,D2,P-1,x,LINE,1,1500,",
                "rub,INV-2,3,INVOICE,2026-01-15,D1,P-1,x,LINE,1,1500,",
                "ABC,INV-3,1,INVOICE,2026-01-15,D3,P-1,x,LINE,1,1,",
                "RUB,INV-3,1,INVOICE,2026-01-15,D9,P-1,x,LINE,1,1,",
                "RUB,INV-3,1,INVOICE,2026-01-15, D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2026-02-30,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2026-13-01,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2026-1-01,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,1899-12-31,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1,x,LINE,1,1,2024-02-28",
                "RUB,INV-4,1,CREDIT_NOTE,2024-02-29,D1,P-1,x,LINE,1,1,2024-03-01",
                "RUB,INV-4,1,invoice,2024-02-29,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,0,INVOICE,2024-02-29,D1,P-1,x,LINE,1,1,",
                "RUB,INV 4,1,INVOICE,2024-02-29,D1,P-1,x,LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1,x,LI\u0000NE,1,1,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1,x,LINE,,1,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1,x,LINE,1,1",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1,x,LINE,1,1,,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-1," + "y".repeat(70) + ",LINE,1,1,",
                "RUB,INV-4,1,INVOICE,2024-02-29,D1,P-" + "9".repeat(40) + ",x,LINE,1,1,",
                "RUB,INV-5,1,INVOICE,2026-02-30,D1,P-1,x,LINE,1,1,2026-02-30",
                "RUB,INV-5,1,INVOICE,2026-02-28,D1,P-1,x,LINE,1,1,2026-02-30",
                "RUB,INV-5,1,INVOICE,2026-02-28,D1,P-1,x,LINE,1,1,2026-03-30",
                "RUB,INV-5,1,INVOICE,2026-03-31,D1,P-1,x,LINE,1,1,2026-03-30");
        assertThat(checked(HEADER, rows, CsvOptions.DEFAULT)).containsExactly(
                "2 INV-1/1 INVOICE 2026-01-15 D1 P-1 LINE 2 1234.50 RUB 2026-02-14",
                "3 INV-1/2 INVOICE 2026-01-15 D1 P-1 LINE 2 12.50 RUB null",
                "4 INV-1/3 INVOICE 2026-01-15 D1 PRÖD-1 LINE\u00A0 2.000 0.00 RUB null",
                "5 INV-1/3 INVOICE 2026-01-15 D1 P-1 LINE 1 1 RUB null",
                "6 negative amount in quantity: -1",
                "7 bad number in quantity: '+1'",
                "8 negative amount in net_amount: -0.5",
                "9 bad number in net_amount: '1e3'",
                "10 net_amount 12.345 has more decimals than RUB allows (2)",
                "11 INV-1/4 INVOICE 2026-01-15 D1 P-1 LINE 1 12.3400 RUB null",
                "12 number too large in net_amount: 12345678901234567.5",
                "13 number too large in net_amount: 9999999999999999.99995",
                "14 number too large in quantity: 12345678901234567890",
                "15 INV-2/1 INVOICE 2026-01-15 D2 P-1 LINE 1 1500.000 JPY null",
                "16 net_amount 1500.5 has more decimals than JPY allows (0)",
                "17 currency EUR differs from the distributor's JPY",
                "18 unknown currency in currency: 'rub'",
                "19 unknown currency in currency: 'ABC'",
                "20 unknown distributor D9",
                "21 bad distributor code in distributor_code: ' D1' has leading or trailing spaces (codes are never"
                        + " trimmed)",
                "22 bad date in document_date: '2026-02-30' (Invalid date 'FEBRUARY 30')",
                "23 bad date in document_date: '2026-13-01' (Invalid value for MonthOfYear (valid values 1 - 12): 13)",
                "24 bad date in document_date: '2026-1-01' (expected YYYY-MM-DD)",
                "25 date out of range in document_date: '1899-12-31' (dates from 1900-01-01 to 9999-12-31 are taken)",
                "26 due_date 2024-02-28 is before the document_date 2024-02-29",
                "27 a credit note has no due date (due_date 2024-03-01)",
                "28 unknown document_type 'invoice' (expected one of INVOICE, CREDIT_NOTE)",
                "29 line_no must be positive: 0",
                "30 document_no must not contain spaces: 'INV 4'",
                "31 product_line contains a NUL character (byte 0) at position 3, which no text can hold",
                "32 missing value in quantity",
                "33 missing column due_date: the row has 11 fields, the header 12",
                "34 the row has 13 fields, the header 12 (an unquoted comma in a value?)",
                "35 INV-4/1 INVOICE 2024-02-29 D1 P-1 LINE 1 1 RUB null",
                "36 product_code is longer than its limit of 40 characters (42 characters): 'P-"
                        + "9".repeat(40) + "'",
                "37 bad date in document_date: '2026-02-30' (Invalid date 'FEBRUARY 30')",
                "38 bad date in due_date: '2026-02-30' (Invalid date 'FEBRUARY 30')",
                "39 INV-5/1 INVOICE 2026-02-28 D1 P-1 LINE 1 1 RUB 2026-03-30",
                "40 due_date 2026-03-30 is before the document_date 2026-03-31");
    }

    @Test
    void aFileWithoutDueDatesAQuotedLineAndBadBytes() throws IOException {
        String header = "document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,"
                + "quantity,net_amount,currency";
        // blank lines (skipped, but counted) so that the bad bytes come after the 64 KiB the file is sniffed for
        int blank = 65_600;
        List<String> rows = List.of(
                "\n".repeat(blank - 1) + "INV-1,1,INVOICE,2026-01-15,D1,P-1,LINE,1,1.5,RUB",
                "INV-1,2,INVOICE,2026-01-15,D1,P-\u0001,LINE,1,1.5,RUB", // \u0001 is written as the byte FF
                "INV-1,3,INVOICE,2026-01-15,D1,P-1,LINE\u0001,1,1.5,RUB",
                "INV-1,4,INVOICE,2026-01-15,D1,\"P,\n\"\"5\"\"\",LINE,1,1.5,RUB",
                "INV-1,5,INVOICE,2026-01-15,D1,P-1,LINE,1,1.5,RUB",
                "INV-1,6,INVOICE,2026-01-15,D1,P-\u0001,LINE,1,1.5,RUB");
        assertThat(checked(header, rows, CsvOptions.DEFAULT)).containsExactly(
                (blank + 1) + " INV-1/1 INVOICE 2026-01-15 D1 P-1 LINE 1 1.5 RUB null",
                (blank + 2) + " the row is not valid UTF-8 text",
                (blank + 3) + " the row is not valid UTF-8 text",
                (blank + 4) + " product_code must not contain spaces: 'P,\n\"5\"'",
                (blank + 6) + " INV-1/5 INVOICE 2026-01-15 D1 P-1 LINE 1 1.5 RUB null",
                (blank + 7) + " the row is not valid UTF-8 text");
    }

    @Test
    void decimalCommas() throws IOException {
        String header = "document_no;line_no;document_type;document_date;distributor_code;product_code;product_line;"
                + "quantity;net_amount;currency";
        List<String> rows = List.of(
                "INV-1;1;INVOICE;2026-01-15;D1;P-1;LINE;1,5;1234,50;RUB",
                "INV-1;2;INVOICE;2026-01-15;D1;P-1;LINE;1;1234.50;RUB",
                "INV-1;3;INVOICE;2026-01-15;D1;P-1;LINE;1;-12,5;RUB",
                "INV-1;4;INVOICE;2026-01-15;D1;P-1;LINE;1;1,2,3;RUB");
        assertThat(checked(header, rows, CsvOptions.of("UTF-8", ";", true))).containsExactly(
                "2 INV-1/1 INVOICE 2026-01-15 D1 P-1 LINE 1.5 1234.50 RUB null",
                "3 bad number in net_amount: '1234.50' (with --decimal-comma an amount is written like 1234,50,"
                        + " without a dot)",
                "4 negative amount in net_amount: -12.5",
                "5 bad number in net_amount: '1,2,3'");
    }

    private List<String> checked(String header, List<String> rows, CsvOptions options) throws IOException {
        Path file = dir.resolve("sales.csv");
        byte[] bytes = (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 1) {
                bytes[i] = (byte) 0xFF; // no UTF-8 at all
            }
        }
        Files.write(file, bytes);
        CsvRowReader reader = new CsvRowReader(file, ImportKind.SALES, options);
        RowChecker checker = new RowChecker(ImportKind.SALES, REFERENCE, options);
        List<String> seen = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (CsvRow row = reader.read(); row != null; row = reader.read()) {
                ImportItem item = checker.check(row);
                String outcome = item.isRejected() ? item.rejection() : describe(item.as(SalesLine.class));
                seen.add(row.line() + " " + outcome);
            }
        } finally {
            reader.close();
        }
        return seen;
    }

    private static String describe(SalesLine line) {
        return line.documentNo() + "/" + line.lineNo() + " " + line.documentType() + " " + line.documentDate() + " "
                + line.distributorCode() + " " + line.productCode() + " " + line.productLine() + " "
                + line.quantity().toPlainString() + " " + line.netAmount().toPlainString() + " " + line.currency()
                + " " + line.dueDate();
    }
}
