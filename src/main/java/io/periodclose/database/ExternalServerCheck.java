package io.periodclose.database;

import io.periodclose.BadInputException;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses, before Flyway touches it, an external server ({@code SPRING_DATASOURCE_URL}) older than the oldest
 * PostgreSQL major this release supports. The embedded server is the release's own and is not checked.
 */
@Component
public class ExternalServerCheck implements FlywayMigrationStrategy {

    private final boolean embedded;

    public ExternalServerCheck(Environment environment) {
        this.embedded = environment.getProperty("period-close.embedded", Boolean.class, false);
    }

    @Override
    public void migrate(Flyway flyway) {
        if (!embedded) {
            requireSupported(serverVersionNum(flyway));
        }
        flyway.migrate();
    }

    /** Throws (exit code 2) when an external server of this server_version_num is too old. */
    public static void requireSupported(int serverVersionNum) {
        if (!ServerVersion.supportedExternal(serverVersionNum)) {
            throw new BadInputException("the PostgreSQL server of SPRING_DATASOURCE_URL is version "
                    + ServerVersion.describe(serverVersionNum) + "; period-close supports PostgreSQL "
                    + ServerVersion.OLDEST_EXTERNAL_MAJOR + " and newer. Upgrade the server, or unset"
                    + " SPRING_DATASOURCE_URL to use the embedded PostgreSQL " + ServerVersion.EMBEDDED_MAJOR
                    + ". Nothing was changed.");
        }
    }

    private static int serverVersionNum(Flyway flyway) {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL server's version: " + e.getMessage(), e);
        }
    }
}
