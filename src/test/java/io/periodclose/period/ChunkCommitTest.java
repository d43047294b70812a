package io.periodclose.period;

import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the close's transactions commit, seen by PostgreSQL itself: a trigger notes {@code synchronous_commit} of the
 * transaction behind every row the close writes, and where the value comes from. The chunks of the calculation, the
 * posting and the claims set it off for themselves ({@code AsynchronousChunkCommit}); no transaction that records a
 * step COMPLETED does, so it commits as the server is configured (synchronously on a durable server, which flushes
 * every chunk before it). The sales import's chunks do the same. The test server itself runs with it off, hence the
 * check of its source.
 */
@DatabaseTest
class ChunkCommitTest {

    private static final List<String> WATCHED = List.of("rebate", "ledger_entry", "claim_settlement",
            "batch_step_execution", "sales_line");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ImportService imports;

    @AfterEach
    void unwatch() {
        for (String table : WATCHED) {
            jdbc.execute("DROP TRIGGER IF EXISTS note_commit_mode ON " + table);
        }
        jdbc.execute("DROP FUNCTION IF EXISTS note_commit_mode()");
        jdbc.execute("DROP TABLE IF EXISTS commit_mode");
    }

    @Test
    void theCloseChunksCommitAsynchronouslyAndEachCompletedStepSynchronously() throws Exception {
        Books.wipe(jdbc);
        Fixtures books = new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR");
        books.invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-02-11", "LAPTOPS", "8000.00", "EUR")
                .claim("C1", "D1", "2026-05-10", "CATALOGUES", "40.00", "EUR");
        watchCommitModes();

        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        // the claim of Q2 spends from the bonus Q1 accrued
        assertThat(closes.close(Quarter.parse("2026-Q2"), LocalDate.parse("2026-07-05"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        String chunk = "off by session";
        assertThat(modes("rebate")).containsOnly(chunk).hasSize(4);
        assertThat(jdbc.queryForList("SELECT entry_type FROM ledger_entry", String.class)).contains("ACCRUAL", "SPEND");
        assertThat(modes("ledger_entry")).containsOnly(chunk)
                .hasSize(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Integer.class));
        assertThat(modes("claim_settlement")).containsOnly(chunk).hasSize(1);
        // the chunks record themselves in their step execution inside their transaction, hence some step rows too
        assertThat(jdbc.queryForList("SELECT mode FROM commit_mode WHERE tbl = 'batch_step_execution'"
                + " AND status = 'STARTED'", String.class)).contains(chunk);
        // but no step is ever recorded COMPLETED by a transaction that changed the server's setting
        List<String> completed = jdbc.queryForList("SELECT DISTINCT mode FROM commit_mode"
                + " WHERE tbl = 'batch_step_execution' AND status = 'COMPLETED'", String.class);
        assertThat(completed).singleElement().asString().doesNotEndWith("by session");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM commit_mode WHERE status = 'COMPLETED'", Integer.class))
                .isGreaterThanOrEqualTo(2 * 13);
    }

    @Test
    void theSalesImportsChunksCommitAsynchronouslyAndItsCompletedStepSynchronously(@TempDir Path dir)
            throws Exception {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR");
        Path sales = dir.resolve("sales.csv");
        Files.writeString(sales, """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.50,EUR
                INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,1,200.00,EUR
                INV2,1,INVOICE,2026-01-16,D1,P1,PRINTERS,1,300.00,EUR
                INV3,1,INVOICE,2026-01-17,D1,P1,PRINTERS,1,400.00,EUR
                """, StandardCharsets.UTF_8);
        watchCommitModes();

        assertThat(imports.importFile(ImportKind.SALES, sales).completed()).isTrue();

        assertThat(modes("sales_line")).containsOnly("off by session").hasSize(4);
        assertThat(jdbc.queryForList("SELECT DISTINCT mode FROM commit_mode WHERE tbl = 'batch_step_execution'"
                + " AND status = 'COMPLETED'", String.class)).singleElement().asString().doesNotEndWith("by session");
    }

    /** Notes, for every row written to a watched table, the commit mode of its transaction and where it came from. */
    private void watchCommitModes() {
        jdbc.execute("CREATE TABLE commit_mode (tbl text, status text, mode text)");
        jdbc.execute("""
                CREATE FUNCTION note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO commit_mode
                    VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> 'status',
                            (SELECT setting || ' by ' || source FROM pg_settings WHERE name = 'synchronous_commit'));
                    RETURN NEW;
                END $$""");
        for (String table : WATCHED) {
            jdbc.execute("CREATE TRIGGER note_commit_mode AFTER INSERT OR UPDATE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION note_commit_mode()");
        }
    }

    private List<String> modes(String table) {
        return jdbc.queryForList("SELECT mode FROM commit_mode WHERE tbl = ?", String.class, table);
    }
}
