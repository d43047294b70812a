package io.periodclose.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server under --home: durable, shared by concurrent processes, and recovered after kill -9. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void keepsPostgresDurabilitySettingsOnForBooksOfAccount() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(setting(database, "fsync")).isEqualTo("on");
            assertThat(setting(database, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(database, "full_page_writes")).isEqualTo("on");
        }
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
    }

    @Test
    void keepsItsDataAcrossProcessesAndRestarts() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            execute(database, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.open(home, true)) {
            assertThat(database.startedHere()).isTrue();
            assertThat(query(database, "SELECT v::text FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void aSecondProcessJoinsTheRunningServerAndAKilledOnesServerIsReused() throws Exception {
        Process holder = startHolder();
        try {
            int holderPort = awaitReady(holder);
            try (EmbeddedDatabase joined = EmbeddedDatabase.open(home, true)) {
                assertThat(joined.startedHere()).isFalse();
                assertThat(joined.port()).isEqualTo(holderPort);
                execute(joined, "CREATE TABLE shared (v int)");
            }
            // leaving while another process still uses the server must not stop it
            assertThat(home.resolve("pgdata/postmaster.pid")).exists();

            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook runs

            try (EmbeddedDatabase afterCrash = EmbeddedDatabase.open(home, true)) {
                assertThat(afterCrash.startedHere()).isFalse();
                assertThat(query(afterCrash, "SELECT count(*)::text FROM shared")).isEqualTo("0");
            }
            // the last one to leave stops the orphaned server
            assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        } finally {
            holder.destroyForcibly();
        }
    }

    private Process startHolder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseHolder.class.getName(), home.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static int awaitReady(Process holder) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ready ")) {
                return Integer.parseInt(line.substring(6).trim());
            }
        }
        throw new IllegalStateException("the holder process exited before the database was ready");
    }

    private static String setting(EmbeddedDatabase database, String name) throws Exception {
        return query(database, "SHOW " + name);
    }

    private static String query(EmbeddedDatabase database, String sql) throws Exception {
        return EmbeddedSql.query(database, sql);
    }

    private static void execute(EmbeddedDatabase database, String sql) throws Exception {
        EmbeddedSql.execute(database, sql);
        assertThat(Files.exists(database.home())).isTrue();
    }
}
