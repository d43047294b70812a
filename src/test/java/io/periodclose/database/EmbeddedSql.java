package io.periodclose.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/** One statement on its own connection to an embedded server, for the tests of the server's life cycle. */
final class EmbeddedSql {

    private EmbeddedSql() {
    }

    static String query(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, database.password())) {
            c.createStatement().execute(sql);
        }
    }
}
