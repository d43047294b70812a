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
import java.util.Locale;
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

            checkpoint(jdbc);
            double loadBeforeImport = loadAverage();
            heap.reset();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            ImportSummary imported = imports.importFile(ImportKind.SALES, sales);
            long importNanos = System.nanoTime() - start;
            long importCpuNanos = processCpuNanos() - cpuBefore;
            HeapWatch.Reading importHeap = heap.read();
            say("%s (%s)", imported.describe(), imported.status());
            if (!imported.completed() || imported.accepted() != generated.salesLines()) {
                throw new IllegalStateException("the import did not accept every generated line: " + imported.describe());
            }

            Long reimportNanos = null;
            ImportSummary again = null;
            if (reimport) {
                checkpoint(jdbc);
                start = System.nanoTime();
                again = imports.importFile(ImportKind.SALES, sales);
                reimportNanos = System.nanoTime() - start;
                say("%s (%s)", again.describe(), again.status());
            }

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
                        PRIMARY KEY (document_no, line_no)
                    )""".formatted(BASELINE_TABLE));
            jdbc.execute("CREATE INDEX " + BASELINE_TABLE + "_by_date ON " + BASELINE_TABLE + " (document_date)");
            checkpoint(jdbc);
            double loadBeforeCopy = loadAverage();
            long copied;
            start = System.nanoTime();
            try (Connection connection = dataSource.getConnection();
                 Reader reader = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
                copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY " + BASELINE_TABLE + " FROM STDIN (FORMAT csv, HEADER true)", reader, 1 << 16);
            }
            long copyNanos = System.nanoTime() - start;
            jdbc.execute("DROP TABLE " + BASELINE_TABLE);

            double importRate = imported.accepted() / seconds(importNanos);
            double copyRate = copied / seconds(copyNanos);
            System.out.println();
            System.out.println("import benchmark");
            row("sales lines in the file", "%,d", generated.salesLines());
            row("import: seconds", "%.2f", seconds(importNanos));
            row("import: accepted rows/s", "%,.0f", importRate);
            row("import: CPU seconds of this JVM", "%.2f", seconds(importCpuNanos));
            if (reimportNanos != null) {
                row("re-import (all unchanged): seconds", "%.2f", seconds(reimportNanos));
                row("re-import: rows/s", "%,.0f", again.unchanged() / seconds(reimportNanos));
            }
            row("plain COPY: seconds", "%.2f", seconds(copyNanos));
            row("plain COPY: rows/s", "%,.0f", copyRate);
            row("ratio import / COPY", "%.2f", importRate / copyRate);
            row("import chunk size", "%s", engine.context().getEnvironment()
                    .getProperty("period-close.import-chunk-size", "(default)"));
            row("heap: -Xmx", "%,d MB", Runtime.getRuntime().maxMemory() >> 20);
            row("heap: peak used during import", "%,d MB", importHeap.peakUsed() >> 20);
            row("heap: max live after a GC during import", "%,d MB", importHeap.maxAfterGc() >> 20);
            row("GC: collections / pause time during import", "%d / %.2f s", importHeap.collections(),
                    importHeap.collectionMillis() / 1000.0);
            row("cores", "%d", Runtime.getRuntime().availableProcessors());
            row("load average before import / before COPY", "%.1f / %.1f", loadBeforeImport, loadBeforeCopy);
        }
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
