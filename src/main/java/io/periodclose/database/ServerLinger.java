package io.periodclose.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Keeps the embedded server running for a while after the last process leaves it, so that a script's twenty
 * report commands start PostgreSQL once, not twenty times.
 *
 * <p>The last process to leave (see {@link EmbeddedDatabase#close()}) writes the moment the server may stop into
 * {@code <home>/linger} and makes sure a watcher runs: a small detached process ({@link #main}) that holds
 * {@code <home>/linger.lock} while it lives, sleeps until that moment and then, under {@code server.lock}, stops
 * the server if nobody uses it (nobody holds {@code users.lock}) and nobody has moved the moment since. A process
 * that joins the server meanwhile simply uses it and, when it leaves last, moves the moment on.
 *
 * <p>Nothing here weakens the existing guarantees: the server keeps its durable settings, a process killed with
 * {@code kill -9} still drops its shared lock, and a killed watcher only means the server runs until the next
 * process leaves (and starts a new watcher) or {@code period-close db stop}. The length comes from
 * {@code PERIOD_CLOSE_DB_LINGER} (or the system property {@code period-close.db-linger}): {@code 5m} by default,
 * {@code 0} stops the server as soon as the last process leaves, as before.
 */
public final class ServerLinger {

    public static final Duration DEFAULT = Duration.ofMinutes(5);
    static final String DEADLINE_FILE = "linger";
    static final String WATCHER_LOCK = "linger.lock";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private ServerLinger() {
    }

    /** The configured linger; a value that is not a duration is refused with the setting's name. */
    public static Duration configured() {
        String text = System.getProperty("period-close.db-linger");
        String name = "period-close.db-linger";
        if (text == null) {
            text = System.getenv("PERIOD_CLOSE_DB_LINGER");
            name = "PERIOD_CLOSE_DB_LINGER";
        }
        return text == null || text.isBlank() ? DEFAULT : parse(name, text);
    }

    static Duration parse(String name, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 300s, 5m or 0, not '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /**
     * Called by the last process leaving, under {@code server.lock}: records until when the idle server may run
     * and starts a watcher unless one is alive.
     */
    static void leaveRunning(Path home, Duration linger) throws IOException {
        writeDeadline(home, Instant.now().plus(linger));
        try (FileChannel watcherLock = FileChannel.open(home.resolve(WATCHER_LOCK), CREATE, READ, WRITE);
             FileLock free = watcherLock.tryLock()) {
            if (free == null) {
                return; // a watcher lives; it reads the new deadline when it wakes up
            }
        }
        startWatcher(home);
    }

    /**
     * The embedded library keeps a lock on {@code pgdata/epg-lock} for as long as its object lives, and only its
     * {@code close()} (which also stops the server) releases it. A server left running must not keep that lock:
     * this process could otherwise never start the server again once the watcher has stopped it.
     */
    static void releaseLibraryLock(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        try {
            var lock = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getDeclaredField("lock");
            lock.setAccessible(true);
            if (lock.get(postgres) instanceof FileLock held && held.isValid()) {
                held.release();
            }
            var stream = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getDeclaredField("lockStream");
            stream.setAccessible(true);
            if (stream.get(postgres) instanceof java.io.Closeable closeable) {
                closeable.close();
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // only this process is affected: it cannot start the server again after the watcher stopped it
            org.slf4j.LoggerFactory.getLogger(ServerLinger.class).debug("Could not release the library's lock: {}", e.toString());
        }
    }

    /** Stops an idle server now ({@code period-close db stop}); false when a process is using it. */
    public static boolean stopIfIdle(Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            return true;
        }
        return stopUnused(home, false);
    }

    /** The exclusive lock on {@code users.lock}, or null when a process (this one included) uses the server. */
    private static FileLock tryExclusive(FileChannel usersLockFile) throws IOException {
        try {
            return usersLockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    /** Whether PostgreSQL's postmaster of {@code <home>/pgdata} is alive (for {@code db status} and the tests). */
    public static boolean serverRunning(Path home) {
        try {
            List<String> pid = Files.readAllLines(home.resolve("pgdata").resolve("postmaster.pid"));
            return !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid.get(0).trim())).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** When an idle server is due to stop, if a process left it lingering. */
    public static Optional<Instant> lingersUntil(Path home) {
        return deadline(home);
    }

    static Optional<Instant> deadline(Path home) {
        try {
            return Optional.of(Instant.parse(Files.readString(home.resolve(DEADLINE_FILE), StandardCharsets.UTF_8).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeDeadline(Path home, Instant deadline) throws IOException {
        Path temporary = home.resolve(DEADLINE_FILE + ".tmp");
        Files.writeString(temporary, deadline.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, home.resolve(DEADLINE_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The watcher runs with the same Java and classes as this process, detached from its terminal. */
    private static void startWatcher(Path home) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: Ctrl-C in the shell that ran the command leaves it be
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        String codeSource = ServerLinger.class.getProtectionDomain().getCodeSource().getLocation().toString();
        String classPath = System.getProperty("java.class.path");
        if (codeSource.startsWith("jar:nested:") || codeSource.contains("!BOOT-INF") || codeSource.startsWith("nested:")) {
            // inside the executable jar: Boot's launcher finds our classes in BOOT-INF
            command.addAll(List.of("-Dloader.main=" + ServerLinger.class.getName(), "-cp", classPath,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", classPath, ServerLinger.class.getName()));
        }
        command.add(home.toAbsolutePath().toString());
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("linger.log").toFile()))
                .start();
    }

    /** The watcher: {@code <home>}. Exits at once when another watcher holds the lock. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        try (FileChannel watcherLock = FileChannel.open(home.resolve(WATCHER_LOCK), CREATE, READ, WRITE);
             FileLock mine = watcherLock.tryLock()) {
            if (mine == null) {
                return;
            }
            watch(home);
        }
    }

    private static void watch(Path home) throws IOException, InterruptedException {
        while (true) {
            Optional<Instant> deadline = deadline(home);
            if (deadline.isEmpty() || !serverRunning(home)) {
                Files.deleteIfExists(home.resolve(DEADLINE_FILE));
                return; // stopped by db stop, by a process with no linger, or never left running
            }
            Duration wait = Duration.between(Instant.now(), deadline.get());
            if (!wait.isNegative() && !wait.isZero()) {
                Thread.sleep(Math.max(50, wait.toMillis() + 10));
                continue;
            }
            if (stopIfPastDeadline(home)) {
                return;
            }
            Thread.sleep(1_000); // in use: whoever leaves last moves the deadline on
        }
    }

    private static boolean stopIfPastDeadline(Path home) throws IOException {
        return stopUnused(home, true);
    }

    /**
     * Stops the server under the start/stop lock when no process uses it; with {@code onlyPastDeadline}, only when
     * its linger has run out (a command may have moved the deadline on while the watcher waited for the lock).
     */
    private static boolean stopUnused(Path home, boolean onlyPastDeadline) throws IOException {
        try (FileChannel serverLockFile = FileChannel.open(home.resolve("server.lock"), CREATE, READ, WRITE);
             FileChannel usersLockFile = FileChannel.open(home.resolve("users.lock"), CREATE, READ, WRITE);
             FileLock ignored = serverLockFile.lock()) {
            Optional<Instant> deadline = deadline(home);
            if (onlyPastDeadline && deadline.isPresent() && deadline.get().isAfter(Instant.now())) {
                return false;
            }
            FileLock nobody = tryExclusive(usersLockFile);
            if (nobody == null) {
                return false;
            }
            try {
                Files.deleteIfExists(home.resolve(DEADLINE_FILE));
                EmbeddedDatabase.stopServer(home.resolve("pgdata"));
                return true;
            } finally {
                nobody.release();
            }
        }
    }
}
