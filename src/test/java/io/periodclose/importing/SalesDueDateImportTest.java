package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional {@code due_date} of the sales lines (SPEC §2, §8.3). Tests run with chunks of 3 rows. */
@DatabaseTest
class SalesDueDateImportTest {

    static final String OLD_HEADER = "document_no,line_no,document_type,document_date,distributor_code,product_code,"
            + "product_line,quantity,net_amount,currency\n";
    static final String HEADER = OLD_HEADER.replace("currency\n", "currency,due_date\n");

    /** Chunks: lines 2-4, 5-7, 8-10, 11-12. */
    static final String SALES = HEADER + """
            INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14
            INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14
            INV1,3,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-15
            INV1,4,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-16
            INV1,5,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,
            CN1,1,CREDIT_NOTE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,2026-02-20
            CN1,2,CREDIT_NOTE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,
            INV2,1,INVOICE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,2026-01-19
            INV2,2,INVOICE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,2026-13-01
            INV3,1,INVOICE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,2026-01-20
            INV3,2,INVOICE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,
            """;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @TempDir
    Path dir;

    @BeforeEach
    void distributors() throws Exception {
        Books.wipe(jdbc);
        run("distributors.csv", ImportKind.DISTRIBUTORS, "code,name,tier,currency,email,region\n"
                + "D1,Альфа,GOLD,RUB,a@alfa.ru,RU\n");
    }

    @Test
    void aDueDateIsOnePerInvoiceNeverOnACreditNoteAndNeverBeforeTheDocument() throws Exception {
        ImportSummary summary = run("sales.csv", ImportKind.SALES, SALES);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(4L, "due_date 2026-02-15 differs from 2026-02-14, the due date of INV1 on line 2 of this file"
                        + " (one due date per document)"),
                Map.entry(5L, "due_date 2026-02-16 differs from 2026-02-14, the due date of INV1 on line 2 of this file"
                        + " (one due date per document)"),
                Map.entry(6L, "due_date (empty) differs from 2026-02-14, the due date of INV1 on line 2 of this file"
                        + " (one due date per document)"),
                Map.entry(7L, "a credit note has no due date (due_date 2026-02-20)"),
                Map.entry(9L, "due_date 2026-01-19 is before the document_date 2026-01-20"),
                Map.entry(10L, "bad date in due_date: '2026-13-01' (Invalid value for MonthOfYear (valid values 1 - 12): 13)"),
                Map.entry(12L, "due_date (empty) differs from 2026-01-20, the due date of INV3 on line 11 of this file"
                        + " (one due date per document)"));
        assertThat(summary.read()).isEqualTo(11);
        assertThat(summary.accepted()).isEqualTo(4);
        assertThat(summary.rejected()).isEqualTo(7);
        assertThat(jdbc.queryForList("SELECT document_no || '/' || line_no || ' ' || coalesce(due_date::text, '-')"
                + " FROM sales_line ORDER BY source_line", String.class)).containsExactly(
                "INV1/1 2026-02-14", "INV1/2 2026-02-14", "CN1/2 -", "INV3/1 2026-01-20");
    }

    @Test
    void aLaterFileMustGiveADocumentTheDueDateItHasAndAFileWithoutTheColumnStaysValid() throws Exception {
        run("sales.csv", ImportKind.SALES, SALES);

        ImportSummary later = run("later.csv", ImportKind.SALES, OLD_HEADER
                + "INV1,6,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB\n"
                + "INV4,1,INVOICE,2026-01-25,D1,P1,PRINTERS,1,100.00,RUB\n"
                + "CN1,3,CREDIT_NOTE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB\n");
        ImportSummary withDates = run("dated.csv", ImportKind.SALES, HEADER
                + "INV1,7,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14\n"
                + "INV1,8,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-03-01\n");

        assertThat(later.accepted()).isEqualTo(2);
        assertThat(rejects(later)).containsExactly(Map.entry(2L, "due_date (empty) differs from 2026-02-14, the due"
                + " date of INV1 on line 2 of " + dir.resolve("sales.csv") + " (one due date per document)"));
        assertThat(withDates.accepted()).isEqualTo(1);
        assertThat(rejects(withDates)).containsExactly(Map.entry(3L, "due_date 2026-03-01 differs from 2026-02-14,"
                + " the due date of INV1 on line 2 of " + dir.resolve("sales.csv") + " (one due date per document)"));
        assertThat(jdbc.queryForList("SELECT document_no || '/' || line_no || ' ' || coalesce(due_date::text, '-')"
                + " FROM sales_line WHERE import_id IN (?, ?) ORDER BY import_id, source_line", String.class,
                later.importId(), withDates.importId())).containsExactly("INV4/1 -", "CN1/3 -", "INV1/7 2026-02-14");
    }

    @Test
    void theDueDateIsPartOfTheLineForUnchangedAndConflict() throws Exception {
        run("sales.csv", ImportKind.SALES, SALES);
        ImportSummary again = run("sales.csv", ImportKind.SALES, SALES);

        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.accepted()).isZero();
        assertThat(again.rejected()).isEqualTo(7);

        ImportSummary changed = run("changed.csv", ImportKind.SALES, HEADER
                + "INV3,1,INVOICE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,2026-01-25\n"
                + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-20\n"
                + "CN1,2,CREDIT_NOTE,2026-01-20,D1,P1,PRINTERS,1,10.00,RUB,\n");

        assertThat(changed.unchanged()).isEqualTo(1);
        assertThat(rejects(changed)).containsExactly(
                Map.entry(2L, "conflicts with an already imported row (" + dir.resolve("sales.csv") + " line 11)"),
                Map.entry(3L, "conflicts with an already imported row (" + dir.resolve("sales.csv") + " line 2)"));
        assertThat(jdbc.queryForObject("SELECT due_date::text FROM sales_line WHERE document_no = 'INV3'",
                String.class)).isEqualTo("2026-01-20");
    }

    @Test
    void aRestartedImportRejectsTheSameLinesAsAnUninterruptedOne() throws Exception {
        String sales = HEADER + """
                INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14
                INV2,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-20
                INV2,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-21
                INV5,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14
                INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,
                INV2,3,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-20
                INV1,3,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB,2026-02-14
                """;
        // the second chunk (lines 5-7) fails in the database, after the first was committed
        ImportSummary failed = ImportFiles.importFailing(imports, jdbc, ImportKind.SALES, dir.resolve("sales.csv"),
                sales, "sales_line", "NEW.document_no = 'INV5'");

        ImportSummary summary = imports.summary(failed.importId(),
                jobOperator.restart(jobRepository.getJobExecution(failed.jobExecutionId())));

        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(7);
        assertThat(rejects(summary)).containsExactly(
                Map.entry(4L, "due_date 2026-02-21 differs from 2026-02-20, the due date of INV2 on line 3 of this file"
                        + " (one due date per document)"),
                Map.entry(6L, "due_date (empty) differs from 2026-02-14, the due date of INV1 on line 2 of this file"
                        + " (one due date per document)"));
        assertThat(jdbc.queryForList("SELECT source_line FROM sales_line ORDER BY source_line", Long.class))
                .containsExactly(2L, 3L, 5L, 7L, 8L);
    }

    private ImportSummary run(String name, ImportKind kind, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        return ImportFiles.rejects(jdbc, summary);
    }
}
