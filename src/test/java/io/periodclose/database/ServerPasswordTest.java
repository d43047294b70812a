package io.periodclose.database;

import io.periodclose.cli.ExitCode;
import io.periodclose.support.CommandLineRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.periodclose.database.EmbeddedSql.execute;
import static io.periodclose.database.EmbeddedSql.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded server asks for the home's password: a new home right after its first start, a home of an earlier
 * release (initdb's trust) at its next start or when its lingering server is joined, with its data kept; no
 * connection gets in without the password or with a wrong one, and the command line works as before.
 */
class ServerPasswordTest {

    private static final String[] PROPERTIES = {"spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "period-close.embedded", "period-close.db-linger"};

    @TempDir
    Path home;
    @TempDir
    Path work;

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        ServerLinger.stopIfIdle(home);
    }

    @Test
    void aNewHomeHasNoTrustLineAndRefusesAConnectionWithoutItsPassword() throws Exception {
        String port;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(database.startedHere()).isTrue();
            assertOnlyThePasswordLetsIn(database.jdbcUrl(), database.password());
            assertThat(query(database, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid"
                    + " WHERE rolname = 'postgres'")).isEqualTo("t");
            assertThat(query(database, "SHOW password_encryption")).isEqualTo("scram-sha-256");
            port = Integer.toString(database.port());
        }
        assertThat(port).isNotEmpty();
        String hba = Files.readString(home.resolve("pgdata/pg_hba.conf"));
        assertThat(hba).doesNotContainPattern("(?m)^[^#].*\\btrust\\b").isEqualTo(ServerPassword.HBA);
        assertThat(hba.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()).allSatisfy(
                line -> assertThat(line).endsWith("scram-sha-256"));

        Path file = home.resolve(ServerPassword.FILE);
        String password = Files.readString(file).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");

        // created once, reused at the next start
        try (EmbeddedDatabase again = EmbeddedDatabase.open(home, true)) {
            assertThat(again.startedHere()).isTrue();
            assertThat(again.password()).isEqualTo(password);
            assertOnlyThePasswordLetsIn(again.jdbcUrl(), password);
        }
        assertThat(Files.readString(file).trim()).isEqualTo(password);
    }

    @Test
    void aHomeOfAnEarlierReleaseWithTrustIsSwitchedAtItsNextStartAndKeepsItsData() throws Exception {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedPostgres earlier = earlierRelease()) {
            // as the earlier releases left it: anyone local gets in as the superuser, no password asked
            try (Connection c = DriverManager.getConnection(earlier.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
                c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
            }
        }
        assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf"))).containsPattern("(?m)^local\\s+all\\s+all\\s+trust");
        assertThat(home.resolve(ServerPassword.FILE)).doesNotExist();

        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(database.startedHere()).isTrue();
            assertThat(query(database, "SELECT v::text FROM kept")).isEqualTo("42");
            assertOnlyThePasswordLetsIn(database.jdbcUrl(), database.password());
        }
        assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf"))).isEqualTo(ServerPassword.HBA);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(query(database, "SELECT v::text FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void aServerAnEarlierReleaseLeftRunningWithTrustIsSwitchedWhenJoined() throws Exception {
        EmbeddedPostgres earlier = earlierRelease();
        try {
            String url = earlier.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
            }
            try (EmbeddedDatabase joined = EmbeddedDatabase.open(home, true)) {
                assertThat(joined.startedHere()).isFalse();
                assertThat(joined.port()).isEqualTo(earlier.getPort());
                assertThat(query(joined, "SELECT v::text FROM kept")).isEqualTo("7");
                assertOnlyThePasswordLetsIn(joined.jdbcUrl(), joined.password());
            }
        } finally {
            earlier.close(); // already stopped by the last one to leave; the library only releases its lock
        }
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
    }

    @Test
    void aHomeWhosePasswordFileWasLostIsRefusedWithItsNameAndNotGivenANewOne() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(database.startedHere()).isTrue();
        }
        Files.delete(home.resolve(ServerPassword.FILE));
        assertThatThrownBy(() -> EmbeddedDatabase.open(home, true).close())
                .hasMessageContaining(ServerPassword.FILE + " is missing");
        assertThat(home.resolve(ServerPassword.FILE)).doesNotExist();
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
    }

    @Test
    void aCloseOnTheEmbeddedDefaultRunsAsBeforeAndItsServerAsksForThePassword() throws Exception {
        assumeTrue(System.getenv("SPRING_DATASOURCE_URL") == null, "runs on the embedded database only");
        Path data = work.resolve("data");
        assertThat(CommandLineRun.of("generate", "--distributors", "4", "--lines", "40", "--year", "2025",
                "--years", "1", "--dir", data.toString()).exitCode()).isEqualTo(ExitCode.DONE);
        Map<String, Optional<String>> saved = new LinkedHashMap<>();
        for (String property : PROPERTIES) {
            saved.put(property, Optional.ofNullable(System.getProperty(property)));
            System.clearProperty(property);
        }
        System.setProperty("period-close.db-linger", "0");
        try {
            for (String kind : List.of("distributors", "targets", "sales", "claims")) {
                done("import", kind, data.resolve(kind + ".csv").toString());
            }
            done("close", "--period", "2025-Q1", "--as-of", "2025-04-02");
            assertThat(done("verify").out()).doesNotContain("FAILED");
        } finally {
            saved.forEach((property, value) -> value.ifPresentOrElse(v -> System.setProperty(property, v),
                    () -> System.clearProperty(property)));
        }
        assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf"))).isEqualTo(ServerPassword.HBA);
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(Long.parseLong(query(database, "SELECT count(*) FROM ledger_entry"))).isPositive();
            assertOnlyThePasswordLetsIn(database.jdbcUrl(), database.password());
            // the append-only ledger stays append-only for whoever has the password too (the triggers are intact)
            assertThatThrownBy(() -> execute(database, "DELETE FROM ledger_entry")).isInstanceOf(SQLException.class);
        }
    }

    private CommandLineRun done(String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("--home", home.toString(), "--programs",
                work.resolve("data/programs").toString(), "--out", work.resolve("out").toString(), "--lang", "en"));
        args.addAll(List.of(command));
        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.out() + run.err()).isEqualTo(ExitCode.DONE);
        return run;
    }

    /** A server as the releases before this one ran it on a home: the library's initdb, trust, no password. */
    private EmbeddedPostgres earlierRelease() throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(home.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofMinutes(2))
                .setLocaleConfig("locale", "C")
                .setServerConfig("timezone", "UTC")
                .start();
    }

    private static void assertOnlyThePasswordLetsIn(String url, String password) throws Exception {
        assertRefused(url, null);
        assertRefused(url, "");
        assertRefused(url, "postgres");
        assertRefused(url, password + "x");
        try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    private static void assertRefused(String url, String password) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, properties).close())
                .as("a connection with password " + password)
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(ServerPassword.refusedForItsPassword(e)).as(e.getSQLState() + " " + e.getMessage()).isTrue());
    }
}
