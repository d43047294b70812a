package io.periodclose.period;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A close's turnover, rebate and claim_settlement rows refer to their close run and claim, checked once per statement
 * (schema V20) instead of by foreign keys: what the keys refused is still refused, with their SQLSTATE (23503).
 */
@DatabaseTest
class CloseReferencesTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DataSource dataSource;

    long run;
    Map<String, Long> before;

    @BeforeEach
    void closedQuarterWithASettledClaim() {
        Books.wipe(jdbc);
        new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D2", "SILVER", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D2", "2026-02-11", "LAPTOPS", "4000.00", "EUR")
                .claim("C1", "D1", "2026-03-10", "CATALOGUES", "100.00", "EUR");
        assertThat(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        run = jdbc.queryForObject("SELECT id FROM close_run", Long.class);
        before = counts();
        assertThat(before).containsEntry("turnover", 2L).containsEntry("rebate", 2L)
                .containsEntry("claim_settlement", 1L);
        assertThat(jdbc.queryForList("""
                SELECT conname FROM pg_constraint WHERE conname IN ('turnover_close_run_id_fkey',
                       'rebate_close_run_id_fkey', 'claim_settlement_close_run_id_fkey',
                       'claim_settlement_claim_id_fkey')""", String.class)).as("the foreign keys V20 replaced")
                .isEmpty();
    }

    @Test
    void rowsOfARunThatDoesNotExistAreRefusedWithTheRowsBesideThem() {
        long missing = run + 1000;
        // one statement each: a row of the real run next to one of a run that does not exist
        refused("""
                INSERT INTO turnover (close_run_id, distributor_code, currency, tier, target_amount, turnover,
                                      turnover_last_year, promo_turnover)
                SELECT r, 'D3', 'EUR', 'GOLD', NULL, 1, 0, '{}' FROM unnest(ARRAY[%d, %d]) r""".formatted(run, missing),
                "there is no close run " + missing);
        refused("""
                INSERT INTO rebate (close_run_id, distributor_code, currency, turnover, target_amount, base,
                                    attainment, growth, promo, uncapped, cap_amount, cap_applied, total, explanation)
                SELECT %d, distributor_code || '-copy', currency, turnover, target_amount, base, attainment, growth,
                       promo, uncapped, cap_amount, cap_applied, total, explanation FROM rebate
                 UNION ALL
                SELECT %d, distributor_code, currency, turnover, target_amount, base, attainment, growth,
                       promo, uncapped, cap_amount, cap_applied, total, explanation FROM rebate""".formatted(run, missing),
                "there is no close run " + missing);
        refused("UPDATE rebate SET close_run_id = " + missing + " WHERE distributor_code = 'D2'",
                "there is no close run " + missing);
        refused("UPDATE claim_settlement SET close_run_id = " + missing, "there is no close run " + missing);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aSettlementOfAClaimThatDoesNotExistIsRefused() {
        refused("""
                INSERT INTO claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered,
                                              distributor_pays, status)
                VALUES ('C404', %d, 0.5, 10, 0, 0, 10, 'UNCOVERED')""".formatted(run),
                "there is no claim C404");
        refused("UPDATE claim_settlement SET claim_id = 'C405'", "there is no claim C405");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aRunOrAClaimThatRowsReferToCannotBeDeletedRekeyedOrTruncated() {
        // approval and period_close still have foreign keys to close_run: their rows go first
        String others = "DELETE FROM approval; DELETE FROM period_close; ";
        refused(others + "DELETE FROM close_run", "close run " + run + " refused to go");
        refused(others + "UPDATE close_run SET id = id + 1000", "close run " + run + " refused to go");
        refused("TRUNCATE close_run CASCADE", "close_run cannot be truncated");
        refused("DELETE FROM claim WHERE claim_id = 'C1'", "claim C1 refused to go: it is settled");
        refused("UPDATE claim SET claim_id = 'C2' WHERE claim_id = 'C1'", "claim C1 refused to go");
        refused("TRUNCATE claim", "claim cannot be truncated");
        assertThat(counts()).isEqualTo(before);

        // as with foreign keys, the referring rows may go first, or in the same TRUNCATE
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.execute("TRUNCATE claim, claim_settlement");
            jdbc.execute("TRUNCATE close_run, turnover, rebate CASCADE");
            assertThat(counts().values()).containsOnly(0L);
            status.setRollbackOnly();
        });
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void rowsBeingWrittenForARunKeepItFromBeingDeletedUntilTheyCommit() throws SQLException {
        try (Connection writer = dataSource.getConnection(); Connection remover = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            remover.setAutoCommit(false);
            try (Statement write = writer.createStatement(); Statement remove = remover.createStatement()) {
                write.executeUpdate("""
                        INSERT INTO turnover (close_run_id, distributor_code, currency, tier, target_amount, turnover,
                                              turnover_last_year, promo_turnover)
                        VALUES (%d, 'D3', 'EUR', 'GOLD', NULL, 1, 0, '{}')""".formatted(run));
                remove.execute("DELETE FROM approval; DELETE FROM period_close; SET LOCAL lock_timeout = '300ms'");
                // the statement trigger locked the run FOR KEY SHARE, as a foreign key's check would
                assertThatThrownBy(() -> remove.executeUpdate("DELETE FROM close_run WHERE id = " + run))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
                remover.rollback();
                writer.commit();
                remove.execute("DELETE FROM approval; DELETE FROM period_close");
                assertThatThrownBy(() -> remove.executeUpdate("DELETE FROM close_run WHERE id = " + run))
                        .isInstanceOf(SQLException.class).hasMessageContaining("refused to go")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION));
                remover.rollback();
            }
        }
        assertThat(counts()).containsEntry("close_run", 1L).containsEntry("turnover", before.get("turnover") + 1);
    }

    private void refused(String sql, String message) {
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> jdbc.execute(sql)))
                .as(sql).rootCause().isInstanceOf(SQLException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION));
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("close_run", "turnover", "rebate", "claim", "claim_settlement")) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }
}
