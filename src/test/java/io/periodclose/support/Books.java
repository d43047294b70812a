package io.periodclose.support;

import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/** Empties every table between tests, the job repository's included, so each test starts from fresh books. */
public final class Books {

    private static final String DEADLOCK = "40P01";

    private Books() {
    }

    public static void wipe(JdbcTemplate jdbc) {
        String tables = String.join(", ", jdbc.queryForList("""
                SELECT quote_ident(tablename) FROM pg_tables
                 WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'""", String.class));
        // the ledger refuses TRUNCATE by trigger; a test database may wipe it with triggers off, a setting of the
        // session, so all on one connection
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                try {
                    truncate(statement, tables);
                } finally {
                    statement.execute("SET session_replication_role = DEFAULT");
                }
            }
            return null;
        });
    }

    private static void truncate(Statement statement, String tables) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                statement.execute("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
                return;
            } catch (SQLException e) {
                // a scheduler running in the test's context can hold one of the tables while it waits for another
                // the TRUNCATE has locked: PostgreSQL breaks the deadlock by failing one side, so try again
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Marks a quarter closed the way a close leaves it, for tests of what a closed quarter refuses. */
    public static void markClosed(JdbcTemplate jdbc, String period) {
        jdbc.update("INSERT INTO program_snapshot (sha256, program_id, year, content) VALUES (repeat('0', 64), 'TEST',"
                + " 2026, '') ON CONFLICT DO NOTHING");
        Long run = jdbc.queryForObject("INSERT INTO close_run (period, sequence, business_date, program_sha256)"
                + " VALUES (?, 0, current_date, repeat('0', 64)) RETURNING id", Long.class, period);
        jdbc.update("INSERT INTO period_close (period, closed_at, business_date, last_run_id)"
                + " VALUES (?, now(), current_date, ?)", period, run);
    }

    /** Fresh books holding the data set {@link DataSetGenerator} wrote into {@code data}, imported as a user would. */
    public static void freshWith(JdbcTemplate jdbc, ImportService imports, Path data) {
        wipe(jdbc);
        imports.importFile(ImportKind.DISTRIBUTORS, data.resolve(DataSetGenerator.DISTRIBUTORS_FILE));
        imports.importFile(ImportKind.TARGETS, data.resolve(DataSetGenerator.TARGETS_FILE));
        imports.importFile(ImportKind.SALES, data.resolve(DataSetGenerator.SALES_FILE));
        imports.importFile(ImportKind.CLAIMS, data.resolve(DataSetGenerator.CLAIMS_FILE));
        imports.importFile(ImportKind.PAYMENTS, data.resolve(DataSetGenerator.PAYMENTS_FILE));
    }
}
