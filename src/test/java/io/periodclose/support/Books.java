package io.periodclose.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties every table between tests, the job repository's included, so each test starts from fresh books. */
public final class Books {

    private Books() {
    }

    public static void wipe(JdbcTemplate jdbc) {
        String tables = String.join(", ", jdbc.queryForList("""
                SELECT quote_ident(tablename) FROM pg_tables
                 WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'""", String.class));
        jdbc.execute("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
    }
}
