package io.periodclose.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the database refuse the rows of one table that match a condition, as a lost connection or a full disk would
 * fail their chunk; closing it heals the table.
 */
public final class InjectedFailure implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String table;

    private InjectedFailure(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Inserts into {@code table} for which the SQL {@code condition} on NEW holds fail with "injected failure". */
    public static InjectedFailure on(JdbcTemplate jdbc, String table, String condition) {
        jdbc.execute("CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + condition
                + " THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER inject_failure BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION inject_failure()");
        return new InjectedFailure(jdbc, table);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS inject_failure ON " + table);
        jdbc.execute("DROP FUNCTION IF EXISTS inject_failure()");
    }
}
