package io.periodclose.importing;

import io.periodclose.BadInputException;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DatabaseTest
class ImportJobTest {

    static final String DISTRIBUTORS = """
            code,name,tier,currency,email,region
            D1,"ООО ""Альфа-Трейд"", Москва",GOLD,RUB,info@alfa.ru,Москва
            D2,Beta GmbH,SILVER,EUR,b@beta.de,DE
            D3,Nippon KK,PLATINUM,JPY,n@nippon.jp,JP
            """;

    static final String SALES_HEADER = "document_no,line_no,document_type,document_date,distributor_code,product_code,"
            + "product_line,quantity,net_amount,currency";

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    MeterRegistry meters;

    @TempDir
    Path dir;

    @BeforeEach
    void freshBooks() throws Exception {
        Books.wipe(jdbc);
        run(ImportKind.DISTRIBUTORS, "distributors.csv", DISTRIBUTORS);
    }

    @Test
    void keepsCyrillicAndQuotedFieldsExactly() {
        assertThat(jdbc.queryForObject("SELECT name FROM distributor WHERE code = 'D1'", String.class))
                .isEqualTo("ООО \"Альфа-Трейд\", Москва");
        assertThat(jdbc.queryForObject("SELECT region FROM distributor WHERE code = 'D1'", String.class))
                .isEqualTo("Москва");
    }

    @Test
    void rejectsEveryBrokenSalesRowWithItsLineAndReasonAndKeepsTheGoodOnes() throws Exception {
        ImportSummary summary = run(ImportKind.SALES, "sales.csv", """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,RUB
                INV1,2,INVOICE,2026-13-15,D1,P1,PRINTERS,2,1000.50,RUB
                INV1,3,INVOICE,2026-01-15,D1,P1,PRINTERS,2,"1,000.50",RUB
                INV1,4,INVOICE,2026-01-15,D9,P1,PRINTERS,2,10.00,RUB
                INV1,5,INVOICE,2026-01-15,D1,P1,PRINTERS,2,10.00,EUR
                INV1,6,INVOICE,2026-01-15,D1,P1,PRINTERS,2,-10.00,RUB
                INV1,7,RETURN,2026-01-15,D1,P1,PRINTERS,2,10.00,RUB
                INV1,8,INVOICE,2026-01-15,D1,P1,PRINTERS,2,10.00
                INV1,9,INVOICE,2026-01-15,D1,,PRINTERS,2,10.00,RUB
                INV2,1,CREDIT_NOTE,2026-02-01,D3,P2,LAPTOPS,1,1500,JPY
                INV2,2,INVOICE,2026-02-01,D3,P2,LAPTOPS,1,1500.5,JPY
                INV2,x,INVOICE,2026-02-01,D3,P2,LAPTOPS,1,1500,JPY
                INV2,3,INVOICE,2026-02-01,D3,P2,LAPTOPS,1,1500,XXX
                INV2,4,INVOICE,2026-02-01,D3,P2,LAPTOPS,1,1e3,JPY
                INV2,5,INVOICE,2026-02-01,D3,P2,LAPTOPS,1,1500,JPY,extra
                """);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(3L, "bad date in document_date: '2026-13-15' (Invalid value for MonthOfYear (valid values 1 - 12): 13)"),
                Map.entry(4L, "bad number in net_amount: '1,000.50'"),
                Map.entry(5L, "unknown distributor D9"),
                Map.entry(6L, "currency EUR differs from the distributor's RUB"),
                Map.entry(7L, "negative amount in net_amount: -10.00"),
                Map.entry(8L, "unknown document_type 'RETURN' (expected one of INVOICE, CREDIT_NOTE)"),
                Map.entry(9L, "missing column currency: the row has 9 fields, the header 10"),
                Map.entry(10L, "missing value in product_code"),
                Map.entry(12L, "net_amount 1500.5 has more decimals than JPY allows (0)"),
                Map.entry(13L, "bad number in line_no: 'x' (a whole number is expected)"),
                Map.entry(14L, "unknown currency in currency: 'XXX'"),
                Map.entry(15L, "bad number in net_amount: '1e3'"),
                Map.entry(16L, "the row has 11 fields, the header 10 (an unquoted comma in a value?)"));
        assertThat(summary.read()).isEqualTo(15);
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(13);
        assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.unchanged());
        assertThat(jdbc.queryForList("SELECT document_no || '/' || line_no || ' ' || net_amount FROM sales_line"
                + " ORDER BY 1", String.class)).containsExactly("INV1/1 1000.5000", "INV2/1 1500.0000");
    }

    @Test
    void timesTheChunksOfAnImportButNotEachOfItsRows() throws Exception {
        run(ImportKind.SALES, "sales.csv", """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,RUB
                INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,RUB
                """);

        assertThat(meters.find("spring.batch.chunk.write").timers()).isNotEmpty();
        assertThat(meters.find("spring.batch.item.read").timers()).isEmpty();
        assertThat(meters.find("spring.batch.item.process").timers()).isEmpty();
    }

    @Test
    void aFailedImportRestartsAfterItsLastCommittedChunkAndCountsEveryRowOnce() throws Exception {
        StringBuilder sales = new StringBuilder(
                "document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency\n");
        for (int i = 1; i <= 10; i++) {
            sales.append("INV").append(i).append(",1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n");
        }
        sales.append("INV11,1,INVOICE,2026-01-15,D9,P1,PRINTERS,1,10.00,RUB\n");
        // The second chunk (rows of INV4 to INV6) fails in the database, as if the disk had filled up.
        ImportSummary failed = ImportFiles.importFailing(imports, jdbc, ImportKind.SALES, dir.resolve("sales.csv"),
                sales, "sales_line", "NEW.document_no = 'INV5'");
        assertThat(failed.read()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(3);

        JobExecution restarted = jobOperator.restart(jobRepository.getJobExecution(failed.jobExecutionId()));
        ImportSummary summary = imports.summary(failed.importId(), restarted);

        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(11);
        assertThat(summary.accepted()).isEqualTo(10);
        assertThat(rejects(summary)).containsExactly(Map.entry(12L, "unknown distributor D9"));
        assertThat(jdbc.queryForList("SELECT source_line FROM sales_line ORDER BY source_line", Long.class))
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void aDateTheDatabaseCannotStoreIsRejectedAloneAndTheRowsAroundItAreKept() throws Exception {
        String header = "document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency\n";
        StringBuilder sales = new StringBuilder(header);
        for (int i = 1; i <= 6; i++) {
            String date = i == 5 ? "0000-01-15" : "2026-01-15";
            sales.append("INV").append(i).append(",1,INVOICE,").append(date).append(",D1,P1,PRINTERS,1,10.00,RUB\n");
        }

        ImportSummary summary = run(ImportKind.SALES, "sales.csv", sales.toString());

        assertThat(rejects(summary)).containsExactly(Map.entry(6L,
                "date out of range in document_date: '0000-01-15' (dates from 1900-01-01 to 9999-12-31 are taken)"));
        assertThat(jdbc.queryForList("SELECT document_no FROM sales_line ORDER BY 1", String.class))
                .containsExactly("INV1", "INV2", "INV3", "INV4", "INV6");
    }

    @Test
    void writesTheRejectReportNextToTheInput() throws Exception {
        run(ImportKind.SALES, "sales.csv", """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D9,P1,"PRINTERS, colour",2,1000.50,RUB
                """);
        assertThat(Files.readString(dir.resolve("sales.rejects.csv"))).isEqualTo("""
                line,reason,record
                2,unknown distributor D9,"INV1,1,INVOICE,2026-01-15,D9,P1,""PRINTERS, colour"",2,1000.50,RUB"
                """);
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() throws Exception {
        String sales = """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,RUB
                INV1,2,INVOICE,2026-01-15,D1,P2,LAPTOPS,1,99.99,RUB
                INV2,1,CREDIT_NOTE,2026-01-20,D2,P1,PRINTERS,1,10.00,EUR
                INV3,1,INVOICE,2026-01-20,D3,P1,PRINTERS,1,12345,JPY
                """;
        ImportSummary first = run(ImportKind.SALES, "sales.csv", sales);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM sales_line ORDER BY document_no, line_no");
        ImportSummary second = run(ImportKind.SALES, "sales.csv", sales);

        assertThat(first.accepted()).isEqualTo(4);
        assertThat(second.read()).isEqualTo(4);
        assertThat(second.unchanged()).isEqualTo(4);
        assertThat(second.accepted()).isZero();
        assertThat(second.rejected()).isZero();
        assertThat(jdbc.queryForList("SELECT * FROM sales_line ORDER BY document_no, line_no")).isEqualTo(before);

        ImportSummary distributorsAgain = run(ImportKind.DISTRIBUTORS, "distributors.csv", DISTRIBUTORS);
        assertThat(distributorsAgain.unchanged()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM distributor_history", Long.class)).isZero();
    }

    @Test
    void aSalesLineWithDifferentContentConflictsAndIsNeverOverwritten() throws Exception {
        String header = "document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency\n";
        run(ImportKind.SALES, "january.csv", header + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,RUB\n");
        ImportSummary second = run(ImportKind.SALES, "corrected.csv", header
                + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.51,RUB\n"
                + "INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,5.00,RUB\n"
                + "INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,5.00,RUB\n"
                + "INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,6.00,RUB\n");

        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(rejects(second)).containsOnlyKeys(2L, 5L);
        assertThat(rejects(second).get(2L)).startsWith("conflicts with an already imported row (")
                .contains("january.csv line 2");
        assertThat(rejects(second).get(5L)).contains("corrected.csv line 3");
        assertThat(jdbc.queryForObject("SELECT net_amount FROM sales_line WHERE document_no = 'INV1' AND line_no = 1",
                BigDecimal.class)).isEqualByComparingTo("1000.50");
    }

    @Test
    void masterDataUpdatesKeepThePreviousVersion() throws Exception {
        ImportSummary update = run(ImportKind.DISTRIBUTORS, "update.csv", """
                code,name,tier,currency,email,region
                D2,Beta GmbH,GOLD,EUR,b@beta.de,DE
                D3,Nippon KK,PLATINUM,EUR,n@nippon.jp,JP
                D4,Новый,BRONZE,KZT,new@example.kz,Алматы
                D5,Bad tier,GOLDEN,EUR,x@example.com,DE
                D6,Bad mail,GOLD,EUR,not-an-email,DE
                """);

        assertThat(update.accepted()).isEqualTo(2);
        assertThat(rejects(update)).containsExactly(
                Map.entry(3L, "currency cannot change from JPY to EUR: amounts are already booked in it"),
                Map.entry(5L, "unknown tier 'GOLDEN' (expected one of BRONZE, SILVER, GOLD, PLATINUM)"),
                Map.entry(6L, "bad email: 'not-an-email'"));
        assertThat(jdbc.queryForMap("SELECT tier, version FROM distributor WHERE code = 'D2'"))
                .containsEntry("tier", "GOLD").containsEntry("version", 2);
        assertThat(jdbc.queryForMap("SELECT tier, version FROM distributor_history WHERE code = 'D2'"))
                .containsEntry("tier", "SILVER").containsEntry("version", 1);
    }

    @Test
    void targetsAreVersionedAndFrozenOnceTheirQuarterIsClosed() throws Exception {
        run(ImportKind.TARGETS, "targets.csv", """
                distributor_code,period,target_amount
                D1,2026-Q1,100000.00
                D1,2026-Q2,120000.00
                D3,2026-Q1,5000000
                """);
        Books.markClosed(jdbc, "2026-Q1");

        ImportSummary changes = run(ImportKind.TARGETS, "targets2.csv", """
                distributor_code,period,target_amount
                D1,2026-Q1,100000.00
                D1,2026-Q1,90000.00
                D1,2026-Q2,130000.00
                D2,2026-Q1,1.00
                D3,2026-Q3,1.5
                D9,2026-Q3,1
                D2,2026-Q5,1
                D2,2026-Q4,-1
                """);

        assertThat(changes.unchanged()).isEqualTo(1);
        assertThat(changes.accepted()).isEqualTo(1);
        assertThat(rejects(changes)).containsExactly(
                Map.entry(3L, "conflicts with line 2 of this file, which gives the target of D1 2026-Q1 other values"
                        + " (one row per distributor and quarter in a file)"),
                Map.entry(5L, "quarter 2026-Q1 is closed"),
                Map.entry(6L, "target_amount 1.5 has more decimals than JPY allows (0)"),
                Map.entry(7L, "unknown distributor D9"),
                Map.entry(8L, "bad period in period: '2026-Q5' (expected e.g. 2026-Q3)"),
                Map.entry(9L, "negative amount in target_amount: -1"));
        assertThat(jdbc.queryForObject("SELECT target_amount FROM target WHERE distributor_code = 'D1' AND period = '2026-Q2'",
                BigDecimal.class)).isEqualByComparingTo("130000");
        assertThat(jdbc.queryForObject("SELECT target_amount FROM target_history WHERE distributor_code = 'D1'",
                BigDecimal.class)).isEqualByComparingTo("120000");
    }

    @Test
    void claimsAreTransactionsAndRefusedInsideAClosedQuarter() throws Exception {
        String claims = """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                C1,D1,2026-01-10,CATALOGUES,"Каталоги ""Весна"", 500 шт.",15000.00,RUB
                C2,D3,2026-04-01,TRADE_SHOWS,Выставка,300000,JPY
                """;
        run(ImportKind.CLAIMS, "claims.csv", claims);
        Books.markClosed(jdbc, "2026-Q1");

        ImportSummary again = run(ImportKind.CLAIMS, "claims.csv", claims + """
                C3,D1,2026-03-31,BOOKLETS,Буклеты,100.00,RUB
                C4,D1,2026-04-02,booklets,Буклеты,100.00,RUB
                C2,D3,2026-04-01,TRADE_SHOWS,Выставка,300001,JPY
                C5,D1,2026-04-02,SAMPLES,,100.00,RUB
                """);

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.accepted()).isEqualTo(1);
        assertThat(rejects(again)).containsExactly(
                Map.entry(4L, "quarter 2026-Q1 is closed"),
                Map.entry(5L, "bad direction 'booklets' (expected an upper-case code such as CATALOGUES)"),
                Map.entry(6L, "conflicts with an already imported row (" + dir.resolve("claims.csv") + " line 3)"));
        assertThat(jdbc.queryForObject("SELECT description FROM claim WHERE claim_id = 'C1'", String.class))
                .isEqualTo("Каталоги \"Весна\", 500 шт.");
    }

    @Test
    void aQuarterWithoutDataWhenALaterOneClosedCountsAsClosedForClaimsAndTargets() throws Exception {
        Books.markClosed(jdbc, "2026-Q2"); // 2026-Q1 had no data then: it was never closed on its own

        ImportSummary claims = run(ImportKind.CLAIMS, "claims.csv", """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                C1,D1,2026-02-10,CATALOGUES,Каталоги,100.00,RUB
                C2,D1,2026-07-01,CATALOGUES,Каталоги,100.00,RUB
                """);
        assertThat(claims.accepted()).isEqualTo(1);
        assertThat(rejects(claims)).containsExactly(Map.entry(2L, "quarter 2026-Q1 is closed"));

        ImportSummary targets = run(ImportKind.TARGETS, "targets.csv", """
                distributor_code,period,target_amount
                D1,2026-Q1,1000.00
                D1,2026-Q3,1000.00
                """);
        assertThat(targets.accepted()).isEqualTo(1);
        assertThat(rejects(targets)).containsExactly(Map.entry(2L, "quarter 2026-Q1 is closed"));
    }

    @Test
    void aBinaryFileFailsWholeAndImportsNothing() throws IOException {
        Path binary = dir.resolve("sales.csv");
        Files.write(binary, new byte[]{'P', 'K', 3, 4, 0, 0, 1, 2, (byte) 0xff, 0});

        assertThatThrownBy(() -> imports.importFile(ImportKind.SALES, binary))
                .isInstanceOf(BadInputException.class).hasMessageContaining("binary");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run WHERE kind = 'SALES'", Long.class)).isZero();
    }

    @Test
    void aFileWithoutTheRequiredColumnsFailsWholeAndNamesThem() throws IOException {
        Path file = dir.resolve("targets.csv");
        Files.writeString(file, "distributor,period\nD1,2026-Q1\n");

        assertThatThrownBy(() -> imports.importFile(ImportKind.TARGETS, file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("lacks the columns distributor_code, target_amount");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM target", Long.class)).isZero();
    }

    @Test
    void lineNumbersCountPhysicalLinesWhenAQuotedFieldSpansSeveral() throws Exception {
        ImportSummary summary = run(ImportKind.CLAIMS, "claims.csv", """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                C1,D1,2026-01-10,CATALOGUES,"две
                строки",15000.00,RUB
                C2,D1,2026-01-10,CATALOGUES,ok,-1,RUB
                """);
        assertThat(rejects(summary)).containsOnlyKeys(4L);
        assertThat(jdbc.queryForObject("SELECT description FROM claim WHERE claim_id = 'C1'", String.class))
                .isEqualTo("две\nстроки");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aQuoteNeverClosedIsRejectedOnItsLineAndEveryRowAfterItIsImported(String end) throws Exception {
        StringBuilder sales = new StringBuilder(SALES_HEADER + ",note" + end);
        for (int i = 1; i <= 300; i++) {
            sales.append("INV").append(i).append(",1,INVOICE,2026-03-15,D1,P49,L,1,10.00,RUB,")
                    .append(i == 100 ? "\"Special offer" : "").append(end);
        }

        ImportSummary summary = run(ImportKind.SALES, "sales.csv", sales.toString());

        assertThat(rejects(summary)).containsExactly(Map.entry(101L, "a quote opened on this line is never closed"));
        assertThat(summary.read()).isEqualTo(300);
        assertThat(summary.accepted()).isEqualTo(299);
        assertThat(jdbc.queryForList("SELECT source_line FROM sales_line WHERE document_no IN ('INV99', 'INV101',"
                + " 'INV300') ORDER BY source_line", Long.class)).containsExactly(100L, 102L, 301L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aStrayQuoteOrTextAfterAClosingQuoteIsRejectedOnItsLineAloneAndTheRowsAfterItAreRead(String end)
            throws Exception {
        ImportSummary summary = run(ImportKind.SALES, "sales.csv", String.join(end,
                SALES_HEADER,
                "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB",
                "INV1,2,INVOICE,2026-01-15,D1,P49,\"L,1,10.00,RUB",
                "INV1,3,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB",
                "INV1,4,INVOICE,2026-01-15,D1,P1,\"PRINTERS,COLOUR\",1,10.00,RUB",
                "\"ML5\"x,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB",
                "INV1,5,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,\"RUB",
                "INV1,6,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB",
                "INV1,7,INVOICE,2026-01-15,D1,P1,MONITORS27\",1,10.00,RUB",
                "INV1,8,INVOICE,2026-01-15,D1,P1,\"PRINTERS\"\"A4\"\"\",1,10.00,RUB") + end);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(3L, "a quote opened on this line closes on line 5 with text after it (an unbalanced quote?)"),
                Map.entry(6L, "text after the closing quote of field 1 (a quote inside a quoted value is written twice)"),
                Map.entry(7L, "a quote opened on this line closes on line 9, in a record of 13 fields, the header 10"
                        + " (an unbalanced quote?)"));
        assertThat(summary.read()).isEqualTo(9);
        assertThat(summary.accepted()).isEqualTo(6);
        assertThat(jdbc.queryForList("SELECT source_line || ' ' || line_no || ' ' || product_line FROM sales_line"
                + " ORDER BY source_line", String.class)).containsExactly("2 1 PRINTERS", "4 3 PRINTERS",
                "5 4 PRINTERS,COLOUR", "8 6 PRINTERS", "9 7 MONITORS27\"", "10 8 PRINTERS\"A4\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aValueSpanningLinesIsKeptWithItsLineBreakAndAQuoteNeverClosedAfterItCostsOneLine(String end)
            throws Exception {
        ImportSummary summary = run(ImportKind.CLAIMS, "claims.csv", String.join(end,
                "claim_id,distributor_code,claim_date,direction,description,amount,currency",
                "C1,D1,2026-01-10,CATALOGUES,\"две",
                "строки\",15000.00,RUB",
                "C2,D1,2026-01-11,CATALOGUES,ok,100.00,RUB",
                "C3,D1,2026-01-12,CATALOGUES,\"never closed,100.00,RUB",
                "C4,D1,2026-01-13,CATALOGUES,ok,100.00,RUB") + end);

        assertThat(rejects(summary)).containsExactly(Map.entry(5L, "a quote opened on this line is never closed"));
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim ORDER BY 1", String.class))
                .containsExactly("C1", "C2", "C4");
        assertThat(jdbc.queryForObject("SELECT description FROM claim WHERE claim_id = 'C1'", String.class))
                .isEqualTo("две" + end + "строки");
    }

    @Test
    void aRestartSkipsTheRecordsItsFailedRunCommittedAQuoteNeverClosedAmongThem() throws Exception {
        StringBuilder sales = new StringBuilder(SALES_HEADER + "\n");
        for (int i = 1; i <= 10; i++) {
            sales.append("INV").append(i).append(",1,INVOICE,2026-01-15,D1,P1,").append(i == 2 ? "\"" : "")
                    .append("PRINTERS,1,10.00,RUB\n");
        }
        // the second chunk (INV4 to INV6) fails in the database; the first holds the line INV2's quote costs
        ImportSummary failed = ImportFiles.importFailing(imports, jdbc, ImportKind.SALES, dir.resolve("sales.csv"),
                sales, "sales_line", "NEW.document_no = 'INV5'");
        assertThat(failed.read()).isEqualTo(3);

        JobExecution restarted = jobOperator.restart(jobRepository.getJobExecution(failed.jobExecutionId()));
        ImportSummary summary = imports.summary(failed.importId(), restarted);

        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(10);
        assertThat(summary.accepted()).isEqualTo(9);
        assertThat(rejects(summary)).containsExactly(Map.entry(3L, "a quote opened on this line is never closed"));
        assertThat(jdbc.queryForList("SELECT source_line FROM sales_line ORDER BY source_line", Long.class))
                .containsExactly(2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        Map<Long, String> rejects = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT line_no, reason FROM import_reject WHERE import_id = ? ORDER BY line_no",
                rs -> {
                    rejects.put(rs.getLong(1), rs.getString(2));
                }, summary.importId());
        return rejects;
    }
}
