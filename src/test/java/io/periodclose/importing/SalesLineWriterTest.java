package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sales writer stores: the same values a plain text COPY of the file's fields would give, and chunks far
 * larger than the job tests use, whose COPY data travels in several segments.
 */
@DatabaseTest
class SalesLineWriterTest {

    private static final CsvHeader HEADER = CsvHeader.of(ImportKind.SALES.columns(), ImportKind.SALES, "test");
    private static final CsvHeader DATED_HEADER = CsvHeader.of(
            java.util.stream.Stream.concat(ImportKind.SALES.columns().stream(), java.util.stream.Stream.of("due_date")).toList(), ImportKind.SALES, "test");
    private static final RowChecker CHECKER = new RowChecker(ImportKind.SALES,
            ReferenceData.of(Map.of("D1", "RUB", "D2", "EUR")));

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void freshBooks() {
        Books.wipe(jdbc);
    }

    @Test
    void aLargeChunkIsCopiedWhole() throws Exception {
        long importId = newImport("first.csv");
        write(importId, rows(2, "INV", 1, 5000, "10.00"));

        assertThat(counts(importId)).containsExactly(5000L, 5000L, 0L, 0L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(5000);
        assertThat(jdbc.queryForObject("SELECT sum(net_amount) FROM sales_line", java.math.BigDecimal.class))
                .isEqualByComparingTo("50000");
    }

    @Test
    void aConflictLateInALargeChunkSendsTheWholeChunkThroughStaging() throws Exception {
        long first = newImport("first.csv");
        write(first, rows(2, "OLD", 1, 500, "10.00"));

        long second = newImport("second.csv");
        List<ImportItem> chunk = rows(2, "NEW", 1, 4000, "20.00");
        chunk.addAll(rows(4002, "OLD", 1, 499, "10.00"));
        chunk.addAll(rows(4501, "OLD", 500, 1, "99.00"));
        write(second, chunk);

        assertThat(counts(second)).containsExactly(4500L, 4000L, 1L, 499L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(4500);
        assertThat(jdbc.queryForObject("SELECT line_no || ' ' || reason FROM import_reject WHERE import_id = ?",
                String.class, second)).isEqualTo("4501 conflicts with an already imported row (first.csv line 501)");
        assertThat(jdbc.queryForObject("SELECT net_amount FROM sales_line WHERE document_no = 'OLD500'",
                java.math.BigDecimal.class)).isEqualByComparingTo("10.00");
    }

    @Test
    void storesExactlyWhatAPlainCsvCopyOfTheSameValuesStores() throws Exception {
        String[][] lines = {
                {"INV-1", "1", "INVOICE", "2026-01-15", "D1", "P1", "PRINTERS", "0", "0.00", "RUB"},
                {"INV-1", "2", "CREDIT_NOTE", "1900-01-01", "D1", "P\"2\",x", "LAPTOPS", "0.0001", "1234.50", "RUB"},
                {"ДОК\"1,2", "3", "INVOICE", "1999-12-31", "D1", "П-3", "МОНИТОРЫ", "0.00005", "10000.00", "RUB"},
                {"🙂-7", "999999999", "INVOICE", "2000-01-01", "D1", "P4", "SUPPLIES", "0.00004", "9999999999999999.99", "RUB"},
                {"INV-2", "1", "INVOICE", "2400-02-29", "D1", "P5", "X", "12.5", "0.10", "RUB"},
                {"INV-2", "2", "INVOICE", "9999-12-31", "D1", "P6", "X", "9999999999999999.9999", "100", "RUB"},
                {"INV-2", "3", "INVOICE", "1900-01-02", "D1", "P7", "X", "1234567890123456", "1.00000", "RUB"},
                {"INV-2", "4", "INVOICE", "2026-02-28", "D1", "P8", "X", "3.14159265358979323846", "7", "RUB"},
                {"INV-2", "5", "INVOICE", "2026-03-01", "D1", "P9", "X", "1.000000000000000000000000000000049", "7.5", "RUB"},
                {"INV-2", "6", "INVOICE", "2026-03-02", "D1", "P10", "X", "100.000", "0.05", "RUB"},
                {"INV-2", "7", "INVOICE", "2026-03-03", "D1", "P11", "X", "10000", "99.99", "RUB"},
                {"INV-2", "8", "INVOICE", "2026-03-04", "D2", "P12", "X", "100000000.00015", "0.01", "EUR"},
                {"INV-2", "9", "INVOICE", "2026-03-05", "D1", "P13", "X", "0012.50", "0012.50", "RUB"},
        };
        List<ImportItem> plain = new ArrayList<>();
        List<ImportItem> prepared = new ArrayList<>();
        SalesLineWriter.CopyTextPreparer preparer = new SalesLineWriter.CopyTextPreparer();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            ImportItem item = CHECKER.check(new CsvRow(i + 2, lines[i], HEADER));
            assertThat(item.isRejected()).as(item.rejection()).isFalse();
            plain.add(item);
            String[] copy = lines[i].clone();
            copy[0] = "B" + copy[0];
            prepared.add(preparer.apply(CHECKER.check(new CsvRow(i + 2, copy, HEADER))));
            for (String value : lines[i]) {
                csv.append('"').append(value.replace("\"", "\"\"")).append("\",");
            }
            csv.append(99).append(',').append(i + 2).append('\n');
        }
        long importId = newImport("values.csv");
        write(importId, plain);
        write(importId, prepared);
        jdbc.execute("CREATE TABLE sales_line_as_text (LIKE sales_line)");
        try {
            try (Connection connection = dataSource.getConnection()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY sales_line_as_text (document_no, line_no, document_type, document_date,"
                                + " distributor_code, product_code, product_line, quantity, net_amount, currency,"
                                + " import_id, source_line) FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            }
            String columns = "document_no, line_no, document_type, document_date, distributor_code, product_code,"
                    + " product_line, quantity::text, net_amount::text, currency, source_line";
            List<Map<String, Object>> asText = jdbc.queryForList(
                    "SELECT " + columns + " FROM sales_line_as_text ORDER BY source_line");
            assertThat(jdbc.queryForList("SELECT " + columns + " FROM sales_line WHERE document_no NOT LIKE 'B%'"
                    + " ORDER BY source_line")).isEqualTo(asText);
            assertThat(jdbc.queryForList("SELECT substr(document_no, 2) AS document_no, line_no, document_type,"
                    + " document_date, distributor_code, product_code, product_line, quantity::text,"
                    + " net_amount::text, currency, source_line FROM sales_line WHERE document_no LIKE 'B%'"
                    + " ORDER BY source_line")).isEqualTo(asText);
            assertThat(asText).hasSize(lines.length);
        } finally {
            jdbc.execute("DROP TABLE sales_line_as_text");
        }
    }

    @Test
    void aDocumentKeepsItsDueDateAcrossCommittedChunksWhileOnlyUncommittedDocumentsStayInMemory() throws Exception {
        long importId = newImport("long.csv");
        DocumentDueDates dueDates = new DocumentDueDates(jdbc, importId);
        long line = 2;
        for (int block = 0; block < 20; block++) {
            List<ImportItem> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++, line++) {
                items.add(dated(line, "DOC" + line / 3, (int) (line % 3) + 1, "2026-02-14"));
            }
            List<ImportItem> checked = dueDates.check(items);
            assertThat(checked).noneMatch(ImportItem::isRejected);
            // this block's 334 documents, not the 6,667 of the file: the committed ones are the database's
            assertThat(dueDates.held()).isLessThanOrEqualTo(340);
            write(importId, checked, dueDates);
        }

        List<ImportItem> late = dueDates.check(new ArrayList<>(List.of(
                dated(line, "DOC0", 9, "2026-03-01"), dated(line + 1, "DOC6000", 1, "2026-02-14"),
                dated(line + 2, "DOC6000", 4, ""), dated(line + 3, "DOC6666", 1, "2026-02-14"))));

        assertThat(late).extracting(ImportItem::rejection).containsExactly(
                "due_date 2026-03-01 differs from 2026-02-14, the due date of DOC0 on line 2 of this file"
                        + " (one due date per document)",
                null,
                "due_date (empty) differs from 2026-02-14, the due date of DOC6000 on line 18000 of this file"
                        + " (one due date per document)",
                null);
        // a block whose documents span a range of numbers with few stored lines: only those are looked up
        assertThat(dueDates.check(new ArrayList<>(List.of(dated(line + 4, "DOC5000", 7, "2026-02-15")))))
                .extracting(ImportItem::rejection).containsExactly("due_date 2026-02-15 differs from 2026-02-14, the"
                        + " due date of DOC5000 on line 15000 of this file (one due date per document)");
    }

    /** A checked row of document {@code document}, line {@code lineNo}, due on {@code dueDate} (may be empty). */
    private static ImportItem dated(long fileLine, String document, int lineNo, String dueDate) {
        String[] values = {document, String.valueOf(lineNo), "INVOICE", "2026-01-15", "D1", "P1", "PRINTERS", "1",
                "10.00", "RUB", dueDate};
        return CHECKER.check(new CsvRow(fileLine, values, DATED_HEADER));
    }

    /** {@code count} checked rows from file line {@code firstLine} on, for documents {@code prefix + firstDocument} on. */
    private static List<ImportItem> rows(long firstLine, String prefix, int firstDocument, int count, String amount) {
        List<ImportItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] values = {prefix + (firstDocument + i), "1", "INVOICE", "2026-01-15", "D1", "P1", "PRINTERS",
                    "1", amount, "RUB"};
            items.add(CHECKER.check(new CsvRow(firstLine + i, values, HEADER)));
        }
        return items;
    }

    private long newImport(String file) {
        return jdbc.queryForObject("INSERT INTO import_run (kind, file, file_sha256) VALUES ('SALES', ?, ?) RETURNING id",
                Long.class, file, "0".repeat(64));
    }

    private void write(long importId, List<ImportItem> items) {
        write(importId, items, new DocumentDueDates(jdbc, importId));
    }

    private void write(long importId, List<ImportItem> items, DocumentDueDates dueDates) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            try {
                new SalesLineWriter(jdbc, dataSource, importId, dueDates).write(new Chunk<>(items));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<Long> counts(long importId) {
        return jdbc.queryForObject("SELECT read_count, accepted_count, rejected_count, unchanged_count"
                + " FROM import_run WHERE id = ?", (rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4)), importId);
    }
}
