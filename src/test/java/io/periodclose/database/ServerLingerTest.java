package io.periodclose.database;

import io.periodclose.cli.ExitCode;
import io.periodclose.support.CommandLineRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.periodclose.database.EmbeddedSql.execute;
import static io.periodclose.database.EmbeddedSql.query;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server lingers after the last process leaves, is reused by the next one, and is finally stopped. */
class ServerLingerTest {

    @TempDir
    Path home;

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        ServerLinger.stopIfIdle(home);
    }

    @Test
    void theNextProcessReusesTheLingeringServerAndTheWatcherStopsItOnceIdle() throws Exception {
        int port;
        try (EmbeddedDatabase first = EmbeddedDatabase.open(home, true, Duration.ofSeconds(4))) {
            assertThat(first.startedHere()).isTrue();
            port = first.port();
            execute(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
        }
        // the last one out left it running, and said until when
        assertThat(ServerLinger.serverRunning(home)).isTrue();
        assertThat(ServerLinger.lingersUntil(home)).isPresent();

        try (EmbeddedDatabase second = EmbeddedDatabase.open(home, true, Duration.ofSeconds(4))) {
            assertThat(second.startedHere()).isFalse();
            assertThat(second.port()).isEqualTo(port);
            assertThat(query(second, "SELECT v::text FROM kept")).isEqualTo("7");
            assertThat(query(second, "SHOW fsync")).isEqualTo("on");
            // a server in use is not stopped, not even once its first deadline has passed
            Thread.sleep(5_000);
            assertThat(ServerLinger.serverRunning(home)).isTrue();
            assertThat(query(second, "SELECT count(*)::text FROM kept")).isEqualTo("1");
        }
        Instant left = Instant.now();

        awaitStopped(Duration.ofSeconds(60));
        assertThat(Duration.between(left, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        assertThat(ServerLinger.lingersUntil(home)).isEmpty();

        // and the data survived the stop
        try (EmbeddedDatabase again = EmbeddedDatabase.open(home, true)) {
            assertThat(again.startedHere()).isTrue();
            assertThat(query(again, "SELECT v::text FROM kept")).isEqualTo("7");
        }
        assertThat(ServerLinger.serverRunning(home)).isFalse();
    }

    @Test
    void dbStopStopsAnIdleServerAndRefusesOneInUse() throws Exception {
        try (EmbeddedDatabase user = EmbeddedDatabase.open(home, true, Duration.ofMinutes(10))) {
            CommandLineRun refused = CommandLineRun.of("--home", home.toString(), "db", "stop");
            assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(refused.err()).contains("in use");
            assertThat(query(user, "SELECT 1::text")).isEqualTo("1");
        }
        assertThat(ServerLinger.serverRunning(home)).isTrue();
        assertThat(CommandLineRun.of("--home", home.toString(), "db", "status").out()).startsWith("running");

        CommandLineRun stopped = CommandLineRun.of("--home", home.toString(), "db", "stop");
        assertThat(stopped.exitCode()).isZero();
        assertThat(ServerLinger.serverRunning(home)).isFalse();
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();
        assertThat(CommandLineRun.of("--home", home.toString(), "db", "status").out()).startsWith("stopped");
    }

    @Test
    void readsTheLingerSetting() {
        assertThat(ServerLinger.parse("x", "0")).isZero();
        assertThat(ServerLinger.parse("x", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ServerLinger.parse("x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServerLinger.parse("x", "2h")).isEqualTo(Duration.ofHours(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerLinger.parse("PERIOD_CLOSE_DB_LINGER", "soon"))
                .hasMessageContaining("PERIOD_CLOSE_DB_LINGER");
    }

    private void awaitStopped(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ServerLinger.serverRunning(home)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the lingering server was still running after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
