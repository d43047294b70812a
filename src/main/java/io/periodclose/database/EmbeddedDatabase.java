package io.periodclose.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The PostgreSQL server that lives under {@code --home} when no external database is configured.
 *
 * <p>Several processes may share one home (an admin runs {@code jobs list} while a close runs): the first one
 * starts the server, later ones connect to it, and the last one to leave stops it. Every process holds a shared
 * lock on {@code users.lock} for as long as it uses the server; the operating system drops that lock when a
 * process dies, even by {@code kill -9}, so a server orphaned by a killed process is simply reused by the next
 * command and stopped by whoever leaves last. Start and stop decisions are serialised by {@code server.lock}.
 * Opened with a linger, the last one to leave lets the server run a little longer for the next command instead
 * ({@link ServerLinger}).
 *
 * <p>The library's defaults turn {@code fsync} and {@code synchronous_commit} off for speed in tests; books of
 * account need them on, so they are switched back on here unless a caller explicitly asks for a throwaway
 * database.
 *
 * <p>The server asks for a password: the home's own, in {@code <home>/db-password} (see {@link ServerPassword});
 * a home of an earlier release, whose server let any local user in, is switched over at its next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final Path home;
    private final FileChannel serverLockFile;
    private final FileChannel usersLockFile;
    private FileLock userLock;
    private final int port;
    private final String password;
    /** The server this process started, or null when it joined one started by another process. */
    private final EmbeddedPostgres startedHere;
    /** How long the server keeps running once the last process has left (see {@link ServerLinger}). */
    private final Duration linger;

    private EmbeddedDatabase(Path home, FileChannel serverLockFile, FileChannel usersLockFile, FileLock userLock,
                             int port, String password, EmbeddedPostgres startedHere, Duration linger) {
        this.home = home;
        this.password = password;
        this.serverLockFile = serverLockFile;
        this.usersLockFile = usersLockFile;
        this.userLock = userLock;
        this.port = port;
        this.startedHere = startedHere;
        this.linger = linger;
    }

    /** Starts the server under {@code home}, or joins the one already running there; the last to leave stops it. */
    public static EmbeddedDatabase open(Path home, boolean durable) {
        return open(home, durable, Duration.ZERO);
    }

    /** As {@link #open(Path, boolean)}, but the last to leave lets the server run {@code linger} longer. */
    public static EmbeddedDatabase open(Path home, boolean durable, Duration linger) {
        try {
            Files.createDirectories(home);
            FileChannel serverLockFile = FileChannel.open(home.resolve("server.lock"), CREATE, READ, WRITE);
            FileChannel usersLockFile = FileChannel.open(home.resolve("users.lock"), CREATE, READ, WRITE);
            try (FileLock ignored = serverLockFile.lock()) {
                Path dataDirectory = home.resolve("pgdata");
                String password;
                Optional<Integer> running;
                try {
                    password = ServerPassword.of(home);
                    running = runningServerPort(dataDirectory, password);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(usersLockFile);
                    throw e;
                }
                FileLock userLock = usersLockFile.lock(0, Long.MAX_VALUE, true);
                if (running.isPresent()) {
                    log.debug("Joining the embedded PostgreSQL already running on port {} for {}", running.get(), home);
                    try {
                        // left running by an earlier release, it may still let anyone in
                        ServerPassword.require(dataDirectory, running.get(), password);
                    } catch (IOException | RuntimeException e) {
                        userLock.release();
                        throw e;
                    }
                    return new EmbeddedDatabase(home, serverLockFile, usersLockFile, userLock, running.get(), password,
                            null, linger);
                }
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofMinutes(2))
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("timezone", "UTC")
                        // the library's own start-up check connects too (ignored while initdb's trust lasts)
                        .setConnectConfig("password", password);
                if (durable) {
                    builder.setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on");
                }
                EmbeddedPostgres postgres;
                try {
                    postgres = builder.start();
                } catch (IOException | RuntimeException e) {
                    // the library leaves a server that never answered its check running (a password refused)
                    userLock.release();
                    stopServer(dataDirectory);
                    throw e;
                }
                log.debug("Started the embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), dataDirectory);
                try {
                    // a new home (initdb's trust) or one of an earlier release: the password from now on
                    ServerPassword.require(dataDirectory, postgres.getPort(), password);
                } catch (IOException | RuntimeException e) {
                    userLock.release();
                    postgres.close();
                    throw e;
                }
                return new EmbeddedDatabase(home, serverLockFile, usersLockFile, userLock, postgres.getPort(), password,
                        postgres, linger);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL under " + home + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The superuser's password (the home's {@code db-password}): every connection to this server needs it. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public boolean startedHere() {
        return startedHere != null;
    }

    public Path home() {
        return home;
    }

    /** Leaves the server; stops it when no other process on this home uses it any more. */
    @Override
    public synchronized void close() {
        if (userLock == null) {
            return;
        }
        try (FileLock ignored = serverLockFile.lock()) {
            userLock.release();
            userLock = null;
            FileLock lastOne = usersLockFile.tryLock();
            if (lastOne != null) {
                try {
                    if (!linger.isZero() && !linger.isNegative()) {
                        if (startedHere != null) {
                            ServerLinger.releaseLibraryLock(startedHere);
                        }
                        ServerLinger.leaveRunning(home, linger);
                    } else if (startedHere != null) {
                        startedHere.close();
                    } else {
                        stopServer(home.resolve("pgdata"));
                    }
                } finally {
                    lastOne.release();
                }
            }
        } catch (IOException e) {
            log.warn("Could not release the embedded PostgreSQL under {}: {}", home, e.getMessage());
        } finally {
            closeQuietly(usersLockFile);
            closeQuietly(serverLockFile);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock files only coordinate processes; nothing is lost when closing one fails
        }
    }

    /** The port of a live server whose data directory is ours, read from PostgreSQL's own postmaster.pid. */
    static Optional<Integer> runningServerPort(Path dataDirectory) throws IOException {
        return runningServerPort(dataDirectory, ServerPassword.existing(dataDirectory.getParent()).orElse(""));
    }

    static Optional<Integer> runningServerPort(Path dataDirectory, String password) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        int port = Integer.parseInt(lines.get(3).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && servesDataDirectory(port, dataDirectory, password)) {
            return Optional.of(port);
        }
        return Optional.empty();
    }

    private static boolean servesDataDirectory(int port, Path dataDirectory, String password) throws IOException {
        String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection connection = DriverManager.getConnection(url, USER, password);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_setting('data_directory')")) {
                rs.next();
                return Path.of(rs.getString(1)).toRealPath().equals(dataDirectory.toRealPath());
            } catch (SQLException | IOException e) {
                if (e instanceof SQLException refused && ServerPassword.refusedForItsPassword(refused)
                        && ServerPassword.required(dataDirectory)) {
                    throw new IOException("the embedded PostgreSQL running on port " + port + " for " + dataDirectory
                            + " refuses the password in " + ServerPassword.FILE + " (" + e.getMessage() + ")", e);
                }
                // a server still starting up (or shutting down) refuses connections for a moment
                sleep(100);
            }
        }
        return false;
    }

    static void stopServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isEmpty()) {
            return;
        }
        // SIGINT is PostgreSQL's "fast" shutdown: it rolls back open transactions and checkpoints.
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            log.debug("Stopped the embedded PostgreSQL (pid {})", pid);
        } catch (Exception e) {
            log.warn("The embedded PostgreSQL (pid {}) did not stop within a minute", pid);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
