package io.periodclose.bench;

import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportParsePath;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's CPU per row of a sales import, without the database (not a test): generates a data set once (or reuses
 * one), then reads, checks and encodes its sales file several times in this JVM, the work of the import's
 * read-ahead thread ({@link ImportParsePath}), and prints this thread's CPU time and allocation per row for each
 * round: the first is cold (interpreter and JIT compilation), the later ones warm.
 *
 * <p>Arguments: {@code [lines] [distributors] [rounds]} (defaults 800,000, 2,000, 6). System property
 * {@code bench.dir}: where the data set is written, and reused when it is already there (default
 * {@code target/import-parse-bench}).
 *
 * <pre>
 * mvn -q -o test-compile
 * java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.periodclose.bench.ImportParseBenchmark 800000 2000 6
 * </pre>
 */
public final class ImportParseBenchmark {

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 800_000L;
        int distributors = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 2_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Path dir = Path.of(System.getProperty("bench.dir", "target/import-parse-bench"))
                .resolve(lines + "-" + distributors);
        Path sales = dir.resolve(DataSetGenerator.SALES_FILE);
        if (!Files.exists(sales)) {
            long linesPerQuarter = Math.max(1, (lines + 3) / 4);
            new DataSetGenerator(new DataSetGenerator.Settings(distributors, linesPerQuarter, 2025, 1, 42L))
                    .writeTo(dir);
        }
        System.out.printf("sales file %s, %,d bytes%n", sales, Files.size(sales));
        ImportParsePath path = ImportParsePath.withDistributorsOf(dir.resolve(DataSetGenerator.DISTRIBUTORS_FILE));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long bestCpu = Long.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            long process0 = processCpu(os);
            long gc0 = gcMillis();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long wall0 = System.nanoTime();
            ImportParsePath.Pass pass = path.sales(sales);
            long wall = System.nanoTime() - wall0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
            long process = processCpu(os) - process0;
            long gc = gcMillis() - gc0;
            if (round > 1) {
                bestCpu = Math.min(bestCpu, cpu);
            }
            System.out.printf("round %d%s: %,d rows (%,d accepted, %,d rejected, %,d COPY bytes): thread cpu %.2f s ="
                            + " %,.0f ns/row; whole JVM (GC, JIT) %.2f s = %,.0f ns/row; GC pauses %d ms; wall %.2f s;"
                            + " allocated %,.0f bytes/row%n",
                    round, round == 1 ? " (cold)" : "", pass.rows(), pass.accepted(), pass.rejected(), pass.copyBytes(),
                    cpu / 1e9, (double) cpu / pass.rows(), process / 1e9, (double) process / pass.rows(), gc,
                    wall / 1e9, (double) alloc / pass.rows());
        }
        if (rounds > 1) {
            System.out.printf("best warm round: %,.0f ns/row (thread)%n", (double) bestCpu / lines);
        }
    }

    private static long processCpu(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
