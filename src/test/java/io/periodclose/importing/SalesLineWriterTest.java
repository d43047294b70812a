package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunks far larger than the job tests use: the COPY text then travels in several segments. */
@DatabaseTest
class SalesLineWriterTest {

    private static final CsvHeader HEADER = CsvHeader.of(ImportKind.SALES.columns(), ImportKind.SALES, "test");
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
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            try {
                new SalesLineWriter(jdbc, dataSource, importId).write(new Chunk<>(items));
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
