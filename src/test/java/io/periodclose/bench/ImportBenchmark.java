package io.periodclose.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.periodclose.cli.Engine;
import io.periodclose.cli.GlobalOptions;
import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import io.periodclose.importing.ImportSummary;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The import benchmark (run by {@code bench/import.sh}, not a test): generates a data set of about N sales lines,
 * imports it through the real import job, then times a plain PostgreSQL {@code COPY} of the same file into a
 * table of the same shape in the same database, and prints both speeds, their ratio and the heap the import used.
 *
 * <p>Arguments: {@code [lines] [distributors]} (defaults 2,000,000 and 20,000). System properties:
 * {@code bench.dir} (where the data set and the embedded database live; default a fresh temporary directory,
 * deleted afterwards), {@code bench.reimport} ({@code true} by default: import the file a second time, when every
 * row is an unchanged duplicate), {@code bench.keep} (keep the directory). With {@code SPRING_DATASOURCE_URL} set,
 * the import runs against that PostgreSQL instead of the embedded one; it must hold no sales lines yet.
 */
public final class ImportBenchmark {

    private static final String BASELINE_TABLE = "bench_copy_baseline";

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 2_000_000L;
        int distributors = args.length > 1 ? Integer.parseInt(args[1].replace("_", "").replace(",", "")) : 20_000;
        boolean reimport = Boolean.parseBoolean(System.getProperty("bench.reimport", "true"));
        String dirProperty = System.getProperty("bench.dir");
        Path dir = dirProperty == null || dirProperty.isBlank()
                ? Files.createTempDirectory("period-close-bench-") : Files.createDirectories(Path.of(dirProperty));
        boolean keep = dirProperty != null && !dirProperty.isBlank()
                || Boolean.parseBoolean(System.getProperty("bench.keep", "false"));
        try {
            run(dir, lines, distributors, reimport);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
        System.exit(0);
    }

    private static void run(Path dir, long lines, int distributors, boolean reimport) throws Exception {
        Path data = dir.resolve("data");
        Path home = dir.resolve("home");
        long linesPerQuarter = Math.max(1, (lines + 3) / 4);
        say("generating %,d distributors and %,d sales lines (%,d per quarter, one year) into %s",
                distributors, 4 * linesPerQuarter, linesPerQuarter, data);
        long t0 = System.nanoTime();
        DataSetGenerator.Summary generated = new DataSetGenerator(
                new DataSetGenerator.Settings(distributors, linesPerQuarter, 2025, 1, 42L)).writeTo(data);
        Path sales = data.resolve(DataSetGenerator.SALES_FILE);
        say("generated in %.1f s; %s is %,d bytes", seconds(System.nanoTime() - t0), sales.getFileName(), Files.size(sales));

        HeapWatch heap = new HeapWatch();
        try (Engine engine = Engine.start(new GlobalOptions(home, data.resolve(DataSetGenerator.PROGRAMS_DIR),
                dir.resolve("out")))) {
            JdbcTemplate jdbc = engine.get(JdbcTemplate.class);
            DataSource dataSource = engine.get(DataSource.class);
            Long existing = jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class);
            if (existing != null && existing > 0) {
                throw new IllegalStateException("the database already holds " + existing
                        + " sales lines; the benchmark needs an empty one");
            }
            ImportService imports = engine.get(ImportService.class);
            ImportSummary master = imports.importFile(ImportKind.DISTRIBUTORS, data.resolve(DataSetGenerator.DISTRIBUTORS_FILE));
            say("%s", master.describe());

            ServerCpu server = ServerCpu.of(jdbc);
            // A fresh server creates its WAL files as it first fills them; whatever ran first would pay for that.
            createBaselineTable(jdbc);
            measure(jdbc, server, () -> copyBaseline(dataSource, sales));
            jdbc.execute("DROP TABLE " + BASELINE_TABLE);
            say("warmed up: one untimed COPY");
            createBaselineTable(jdbc);
            Measured<Long> copyBefore = measure(jdbc, server, () -> copyBaseline(dataSource, sales));
            jdbc.execute("DROP TABLE " + BASELINE_TABLE);

            heap.reset();
            Measured<ImportSummary> imported = measure(jdbc, server, () -> imports.importFile(ImportKind.SALES, sales));
            HeapWatch.Reading importHeap = heap.read();
            say("%s (%s)", imported.result().describe(), imported.result().status());
            if (!imported.result().completed() || imported.result().accepted() != generated.salesLines()) {
                throw new IllegalStateException("the import did not accept every generated line: "
                        + imported.result().describe());
            }
            Measured<ImportSummary> again = null;
            if (reimport) {
                again = measure(jdbc, server, () -> imports.importFile(ImportKind.SALES, sales));
                say("%s (%s)", again.result().describe(), again.result().status());
            }

            createBaselineTable(jdbc);
            Measured<Long> copyAfter = measure(jdbc, server, () -> copyBaseline(dataSource, sales));
            jdbc.execute("DROP TABLE " + BASELINE_TABLE);

            double importRate = imported.result().accepted() / imported.seconds();
            double copyRate = (copyBefore.result() + copyAfter.result()) / (copyBefore.seconds() + copyAfter.seconds());
            System.out.println();
            System.out.println("import benchmark");
            row("sales lines in the file", "%,d", generated.salesLines());
            row("import: seconds", "%.2f", imported.seconds());
            row("import: accepted rows/s", "%,.0f", importRate);
            row("import: CPU seconds of this JVM (step thread)", "%.2f (%.2f)", imported.jvmCpu(), imported.stepThreadCpu());
            if (again != null) {
                row("re-import (all unchanged): seconds", "%.2f", again.seconds());
                row("re-import: rows/s", "%,.0f", again.result().unchanged() / again.seconds());
            }
            row("plain COPY before / after the import: seconds", "%.2f / %.2f", copyBefore.seconds(), copyAfter.seconds());
            row("plain COPY: rows/s (both runs)", "%,.0f", copyRate);
            row("plain COPY: CPU seconds of this JVM", "%.2f / %.2f", copyBefore.jvmCpu(), copyAfter.jvmCpu());
            if (server.known()) {
                row("database server CPU seconds: import", "%.2f", imported.serverCpu());
                row("database server CPU seconds: COPY", "%.2f / %.2f", copyBefore.serverCpu(), copyAfter.serverCpu());
            }
            row("ratio import / COPY", "%.2f", importRate / copyRate);
            row("import chunk size", "%s", engine.context().getEnvironment()
                    .getProperty("period-close.import-chunk-size", "(default)"));
            row("heap: -Xmx", "%,d MB", Runtime.getRuntime().maxMemory() >> 20);
            row("heap: peak used during import", "%,d MB", importHeap.peakUsed() >> 20);
            row("heap: max live after a GC during import", "%,d MB", importHeap.maxAfterGc() >> 20);
            row("GC: collections / pause time during import", "%d / %.2f s", importHeap.collections(),
                    importHeap.collectionMillis() / 1000.0);
            row("database server", "%s", jdbc.queryForObject("""
                    SELECT current_setting('server_version') || ', ' || (SELECT datcollate FROM pg_database
                            WHERE datname = current_database()) || ' collation, shared_buffers '
                           || current_setting('shared_buffers') || ', synchronous_commit '
                           || current_setting('synchronous_commit') || ', wal_level ' || current_setting('wal_level')
                           || ', max_wal_size ' || current_setting('max_wal_size')""", String.class));
            row("cores", "%d", Runtime.getRuntime().availableProcessors());
            row("load average before COPY / import / COPY", "%.1f / %.1f / %.1f", copyBefore.load(), imported.load(),
                    copyAfter.load());
        }
    }

    /** What one timed action took: wall clock, CPU of this JVM and of its calling thread, CPU of the server. */
    record Measured<T>(T result, double seconds, double jvmCpu, double stepThreadCpu, double serverCpu, double load) {
    }

    interface Action<T> {
        T run() throws Exception;
    }

    /** Runs an action after a checkpoint, so that it does not pay for writing out what came before it. */
    private static <T> Measured<T> measure(JdbcTemplate jdbc, ServerCpu server, Action<T> action) throws Exception {
        checkpoint(jdbc);
        double load = loadAverage();
        long cpu = processCpuNanos();
        long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double serverCpu = server.seconds();
        long start = System.nanoTime();
        T result = action.run();
        long nanos = System.nanoTime() - start;
        return new Measured<>(result, seconds(nanos), seconds(processCpuNanos() - cpu),
                seconds(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu),
                server.seconds() - serverCpu, load);
    }

    /** A table of the file's shape: the columns of {@code sales_line} that the file holds, its key and date index. */
    private static void createBaselineTable(JdbcTemplate jdbc) {
        jdbc.execute("DROP TABLE IF EXISTS " + BASELINE_TABLE);
        jdbc.execute("""
                CREATE TABLE %s (
                    document_no      VARCHAR(40)    NOT NULL,
                    line_no          INT            NOT NULL,
                    document_type    VARCHAR(12)    NOT NULL,
                    document_date    DATE           NOT NULL,
                    distributor_code VARCHAR(40)    NOT NULL,
                    product_code     VARCHAR(40)    NOT NULL,
                    product_line     VARCHAR(40)    NOT NULL,
                    quantity         NUMERIC(20, 4) NOT NULL,
                    net_amount       NUMERIC(20, 4) NOT NULL,
                    currency         CHAR(3)        NOT NULL,
                    due_date         DATE,
                    PRIMARY KEY (document_no, line_no)
                )""".formatted(BASELINE_TABLE));
        jdbc.execute("CREATE INDEX " + BASELINE_TABLE + "_by_date ON " + BASELINE_TABLE + " (document_date)");
    }

    /** A plain {@code COPY} of the whole file in one transaction, as fast as PostgreSQL takes it; the rows copied. */
    private static long copyBaseline(DataSource dataSource, Path sales) throws Exception {
        long copied;
        try (Connection connection = dataSource.getConnection();
             Reader reader = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
            copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + BASELINE_TABLE + " FROM STDIN (FORMAT csv, HEADER true)", reader, 1 << 16);
        }
        return copied;
    }

    /** CPU time of the whole JVM (every thread, GC included); the database server's own work is not in it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The machine's one-minute load average: other work on it slows both measurements down, not always equally. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void checkpoint(JdbcTemplate jdbc) {
        try {
            jdbc.execute("CHECKPOINT");
        } catch (RuntimeException e) {
            say("(no CHECKPOINT before the measurement: %s)", e.getMessage());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static void row(String label, String format, Object... args) {
        System.out.printf(Locale.ROOT, "  %-44s %s%n", label, String.format(Locale.ROOT, format, args));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * CPU time of the PostgreSQL server's processes on this machine, read from {@code /proc}: the postmaster's
     * background processes (WAL writer, checkpointer, ...) and the backends connected to this benchmark's database.
     * Backends of other databases are left out: an external server may be serving other work meanwhile. Unknown for
     * a server on another machine or without {@code /proc}.
     */
    record ServerCpu(JdbcTemplate jdbc, long postmaster, double ticksPerSecond) {

        static ServerCpu of(JdbcTemplate jdbc) {
            try {
                Integer backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
                String[] stat = stat(Path.of("/proc", String.valueOf(backend), "stat"));
                if (stat == null) {
                    return new ServerCpu(jdbc, -1, 0);
                }
                return new ServerCpu(jdbc, Long.parseLong(stat[1]), 100.0);
            } catch (RuntimeException e) {
                return new ServerCpu(jdbc, -1, 0);
            }
        }

        boolean known() {
            return postmaster > 0;
        }

        double seconds() {
            if (!known()) {
                return 0;
            }
            Set<String> otherDatabases = new HashSet<>(jdbc.queryForList("""
                    SELECT pid::text FROM pg_stat_activity
                     WHERE datname IS DISTINCT FROM current_database() AND backend_type = 'client backend'""",
                    String.class));
            long ticks = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    String pid = process.getFileName().toString();
                    String[] stat = stat(process.resolve("stat"));
                    if (stat != null && !otherDatabases.contains(pid)
                            && (Long.parseLong(stat[1]) == postmaster || pid.equals(String.valueOf(postmaster)))) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13])
                                + Long.parseLong(stat[14]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return ticks / ticksPerSecond;
        }

        /** The fields of a {@code /proc/PID/stat} line after the command name: state, ppid, ... utime is [11]. */
        private static String[] stat(Path file) {
            try {
                String line = Files.readString(file);
                return line.substring(line.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** Heap use between {@link #reset()} and {@link #read()}: pool peaks, the live heap after each GC, GC counts. */
    static final class HeapWatch {

        record Reading(long peakUsed, long maxAfterGc, long collections, long collectionMillis) {
        }

        private final AtomicLong maxAfterGc = new AtomicLong();
        private long collectionsAtReset;
        private long millisAtReset;

        HeapWatch() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((notification, handback) -> {
                        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            return;
                        }
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (isHeap(entry.getKey())) {
                                used += entry.getValue().getUsed();
                            }
                        }
                        maxAfterGc.accumulateAndGet(used, Math::max);
                    }, null, null);
                }
            }
        }

        void reset() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            maxAfterGc.set(0);
            collectionsAtReset = collections();
            millisAtReset = collectionMillis();
        }

        Reading read() {
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    MemoryUsage usage = pool.getPeakUsage();
                    peak += usage.getUsed();
                }
            }
            return new Reading(peak, maxAfterGc.get(), collections() - collectionsAtReset,
                    collectionMillis() - millisAtReset);
        }

        private static boolean isHeap(String poolName) {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getName().equals(poolName)) {
                    return pool.getType() == MemoryType.HEAP;
                }
            }
            return false;
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
        }

        private static long collectionMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
        }
    }
}
