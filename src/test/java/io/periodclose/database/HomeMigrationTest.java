package io.periodclose.database;

import io.periodclose.BadInputException;
import io.periodclose.cli.ExitCode;
import io.periodclose.ledger.LedgerCheck;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A home made by the previous release (its embedded PostgreSQL 14, with imports, two closes and their statements)
 * carried over to PostgreSQL 17 by {@code db migrate}: refused by every other command until then, identical answers
 * afterwards, and a migration killed half-way leaves the old home usable and the next one finishes.
 */
class HomeMigrationTest {

    private static final String[] PROPERTIES = {"spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "period-close.embedded"};

    @TempDir
    static Path fixture;
    @TempDir
    Path work;

    private static Path fixtureHome;
    private static Path programs;
    private static Path out;
    private static final Map<String, String> answersOn14 = new LinkedHashMap<>();
    private static CommandLineRun externalOn14;
    private static boolean externalTouched;

    private final List<Process> children = new ArrayList<>();
    private Path home;

    /** The reports the books must give identically before and after the migration. */
    private static final String[][] REPORTS = {
            {"balances", "--as-of", "2025-12-31"},
            {"rebates", "--period", "2025-Q2"},
            {"claims", "--period", "2025-Q2"},
            {"jobs", "list"},
            {"verify"}};

    @org.junit.jupiter.api.AfterAll
    static void lingerAsConfigured() {
        System.clearProperty("period-close.db-linger");
    }

    @BeforeAll
    static void homeOfThePreviousRelease() throws Exception {
        // the tests below drive the embedded path of --home; with an external server configured there is none
        assumeTrue(System.getenv("SPRING_DATASOURCE_URL") == null, "runs on the embedded database only");
        // every command here stops the server it started as it leaves, as the previous release did, so that the
        // tests can see that nothing is left running on a home
        System.setProperty("period-close.db-linger", "0");
        Path data = fixture.resolve("data");
        assertThat(CommandLineRun.of("generate", "--distributors", "6", "--lines", "60", "--year", "2025",
                "--years", "1", "--dir", data.toString()).exitCode()).isEqualTo(ExitCode.DONE);
        fixtureHome = fixture.resolve("home");
        programs = data.resolve("programs");
        out = fixture.resolve("out");
        try (EmbeddedPostgres pg14 = HomeMigration.server(fixtureHome.resolve(HomeMigration.DATA), PreviousBinaries.INSTANCE)) {
            String url = pg14.getJdbcUrl("postgres", "postgres");
            assertThat(version(url)).startsWith("14.");

            // the same server as an external one: too old, refused before anything is written
            externalOn14 = withServer(url, false, () -> run(fixtureHome, "balances", "--as-of", "2025-12-31"));
            externalTouched = Boolean.parseBoolean(query(url,
                    "SELECT to_regclass('flyway_schema_history') IS NOT NULL"));

            // as the previous release ran it: its embedded server, PostgreSQL 14
            withServer(url, true, () -> {
                for (String kind : List.of("distributors", "targets", "sales", "claims")) {
                    done(fixtureHome, "import", kind, data.resolve(kind + ".csv").toString());
                }
                new Fixtures(new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "")))
                        .distributor("Ж1", "GOLD", "EUR")
                        .invoice("Ж1", "2025-05-14", "LAPTOPS", "1234.56", "EUR");
                done(fixtureHome, "close", "--period", "2025-Q1", "--as-of", "2025-04-02");
                done(fixtureHome, "close", "--period", "2025-Q2", "--as-of", "2025-07-02");
                for (String[] report : REPORTS) {
                    answersOn14.put(String.join(" ", report), done(fixtureHome, report).out());
                }
                return null;
            });
        }
        assertThat(Files.readString(fixtureHome.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("14");
        try (Stream<Path> statements = Files.list(out.resolve("statements/2025-Q2"))) {
            assertThat(statements.filter(p -> p.toString().endsWith(".pdf")).count()).isPositive();
        }
        assertThat(answersOn14.get("verify")).doesNotContain("FAILED");
        assertThat(answersOn14.get("rebates --period 2025-Q2")).contains("Ж1,EUR,1234.56");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (home != null) {
            for (Path data : List.of(home.resolve(HomeMigration.DATA), home.resolve(HomeMigration.MIGRATING),
                    home.resolve(HomeMigration.oldDataName(14)))) {
                HomeMigration.stopOrphanedServer(data);
            }
        }
    }

    @Test
    void anExternalServerOlderThanFifteenIsRefusedBeforeAnythingIsWritten() {
        assertThat(externalOn14.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(externalOn14.err()).contains("version 14.", "supports PostgreSQL 15 and newer");
        assertThat(externalTouched).as("Flyway ran on the refused server").isFalse();

        assertThatThrownBy(() -> ExternalServerCheck.requireSupported(140022)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("version 14.22");
        assertThatThrownBy(() -> ExternalServerCheck.requireSupported(90624)).hasMessageContaining("version 9.6.24");
        ExternalServerCheck.requireSupported(150000);
        ExternalServerCheck.requireSupported(170011);
        ExternalServerCheck.requireSupported(180001);
    }

    @Test
    void aFourteenHomeIsRefusedUntilMigratedAndThenGivesTheSameAnswers() throws Exception {
        home = copyOfTheFixture();

        CommandLineRun refused = cli(home, "balances", "--as-of", "2025-12-31");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).contains("PostgreSQL 14", "db migrate");
        // never opened by the 17 binaries: no server ran on it, nothing re-initialised
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        assertThat(Files.readString(home.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("14");

        CommandLineRun migrated = cli(home, "db", "migrate");
        assertThat(migrated.exitCode()).as(migrated.out() + migrated.err()).isEqualTo(ExitCode.DONE);
        assertThat(migrated.out()).contains("from PostgreSQL 14 to 17", "same row counts and contents",
                "ledger invariants (verify): " + LedgerCheck.CHECKS.size() + " of " + LedgerCheck.CHECKS.size() + " hold", "job repository: ", "done in ",
                home.resolve("pgdata-14-old").toString());

        assertThat(Files.readString(home.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("17");
        assertThat(Files.readString(home.resolve("pgdata-14-old/PG_VERSION")).trim()).isEqualTo("14");
        assertThat(home.resolve(HomeMigration.MIGRATING)).doesNotExist();
        assertSameAnswers(home, REPORTS);

        CommandLineRun again = cli(home, "db", "migrate");
        assertThat(again.exitCode()).isEqualTo(ExitCode.DONE);
        assertThat(again.out()).contains("nothing to migrate");
    }

    @Test
    void aMigrationKilledHalfWayLeavesTheFourteenHomeUsableAndTheNextOneFinishes() throws Exception {
        home = copyOfTheFixture();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.periodclose.cli.PeriodCloseCli",
                "--home", home.toString(), "db", "migrate")
                .redirectError(work.resolve("migrate.err").toFile())
                .start();
        children.add(child);
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        awaitLine(output, "creating a PostgreSQL 17 cluster");
        // the old server is up: hold a lock on the ledger's lines, so the copy stops there, half-way
        int oldPort = EmbeddedDatabase.runningServerPort(home.resolve("pgdata")).orElseThrow();
        String oldUrl = "jdbc:postgresql://localhost:" + oldPort + "/postgres";
        try (Connection blocker = DriverManager.getConnection(oldUrl, "postgres", "")) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE ledger_line IN ACCESS EXCLUSIVE MODE");
            awaitLine(output, "copied public.ledger_entry");
            awaitCopyWaitingOnTheLock(blocker);
            assertThat(home.resolve(HomeMigration.MIGRATING + "/PG_VERSION")).exists();

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9, servers left running
        }

        assertThat(Files.readString(home.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("14");
        assertThat(home.resolve("pgdata-14-old")).doesNotExist();
        // the previous release still opens the home (here it joins the server the killed process left running)
        int port = EmbeddedDatabase.runningServerPort(home.resolve("pgdata")).orElseThrow();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        assertThat(version(url)).startsWith("14.");
        String[] balances = REPORTS[0];
        assertThat(withServer(url, true, () -> done(home, balances).out())).isEqualTo(answersOn14.get("balances --as-of 2025-12-31"));
        // and this release still refuses it
        assertThat(cli(home, "verify").exitCode()).isEqualTo(ExitCode.BAD_INPUT);

        CommandLineRun migrated = cli(home, "db", "migrate");
        assertThat(migrated.exitCode()).as(migrated.out() + migrated.err()).isEqualTo(ExitCode.DONE);
        assertThat(migrated.out()).contains("done in ");
        assertThat(Files.readString(home.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("17");
        assertThat(home.resolve(HomeMigration.MIGRATING)).doesNotExist();
        assertSameAnswers(home, REPORTS[0], REPORTS[REPORTS.length - 1]); // balances, verify
    }

    @Test
    void aHomeWhoseCopyCannotBeVerifiedIsLeftAsItWas() throws Exception {
        home = copyOfTheFixture();
        // a table added by hand: no migration creates it, so the copy would not be the whole of the books
        try (EmbeddedPostgres pg14 = HomeMigration.server(home.resolve("pgdata"), PreviousBinaries.INSTANCE)) {
            try (Connection connection = DriverManager.getConnection(pg14.getJdbcUrl("postgres", "postgres"))) {
                connection.createStatement().execute("CREATE TABLE notes (note text); INSERT INTO notes VALUES ('kept')");
            }
        }

        CommandLineRun failed = cli(home, "db", "migrate");
        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(failed.err()).contains("nothing was switched", "public.notes", "untouched");
        assertThat(Files.readString(home.resolve("pgdata/PG_VERSION")).trim()).isEqualTo("14");
        assertThat(home.resolve(HomeMigration.MIGRATING)).doesNotExist();
        assertThat(home.resolve("pgdata-14-old")).doesNotExist();
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        try (EmbeddedPostgres pg14 = HomeMigration.server(home.resolve("pgdata"), PreviousBinaries.INSTANCE)) {
            assertThat(query(pg14.getJdbcUrl("postgres", "postgres"), "SELECT note FROM notes")).isEqualTo("kept");
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void assertSameAnswers(Path migratedHome, String[]... reports) {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> answersOn17 = new LinkedHashMap<>();
        withServer(null, false, () -> {
            for (String[] report : reports) {
                expected.put(String.join(" ", report), answersOn14.get(String.join(" ", report)));
                answersOn17.put(String.join(" ", report), done(migratedHome, report).out());
            }
            return null;
        });
        assertThat(answersOn17).isEqualTo(expected);
        assertThat(Files.exists(migratedHome.resolve("pgdata/postmaster.pid"))).isFalse();
    }

    private Path copyOfTheFixture() throws IOException {
        Path copy = work.resolve("home");
        try (Stream<Path> files = Files.walk(fixtureHome)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(fixtureHome.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    // PostgreSQL refuses a data directory others may read
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static void awaitLine(BufferedReader output, String text) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("db migrate ended before printing \"" + text + "\"");
    }

    private static void awaitCopyWaitingOnTheLock(Connection connection) throws Exception {
        // up to 5 minutes: on a loaded machine the migration starts two servers before it copies
        for (int attempt = 0; attempt < 3000; attempt++) {
            // the blocker's transaction is still open, and a transaction keeps the activity it first read unless
            // told to look again: without this a copy that starts waiting after the first look is never seen
            connection.createStatement().execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'COPY public.ledger_line%'")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the copy never reached the locked table");
    }

    /** The command line with the test database's settings out of the way: against {@code url}, or --home's. */
    private static <T> T withServer(String url, boolean asEmbedded, Supplier<T> action) {
        Map<String, Optional<String>> saved = new LinkedHashMap<>();
        for (String property : PROPERTIES) {
            saved.put(property, Optional.ofNullable(System.getProperty(property)));
            System.clearProperty(property);
        }
        try {
            if (url != null) {
                System.setProperty("spring.datasource.url", url);
                System.setProperty("spring.datasource.username", "postgres");
                System.setProperty("spring.datasource.password", "");
                if (asEmbedded) {
                    System.setProperty("period-close.embedded", "true");
                }
            }
            return action.get();
        } finally {
            saved.forEach((property, value) -> value.ifPresentOrElse(v -> System.setProperty(property, v),
                    () -> System.clearProperty(property)));
        }
    }

    private static CommandLineRun cli(Path home, String... command) {
        return withServer(null, false, () -> run(home, command));
    }

    private static CommandLineRun run(Path home, String... command) {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--programs", programs.toString(),
                "--out", out.toString(), "--lang", "en"));
        args.addAll(List.of(command));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    private static CommandLineRun done(Path home, String... command) {
        CommandLineRun run = run(home, command);
        if (run.exitCode() != ExitCode.DONE) {
            throw new AssertionError(String.join(" ", command) + " exited " + run.exitCode() + ": " + run.err());
        }
        return run;
    }

    private static String version(String url) {
        return query(url, "SHOW server_version");
    }

    private static String query(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
