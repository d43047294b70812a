package io.periodclose.bench;

import io.periodclose.statement.StatementRenderer;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

/**
 * The renderer alone in a fresh JVM: {@code COUNT} (default 4,000) statements shaped like the close's
 * ({@link StatementsBenchmark#warmupStatement}) rendered on {@code THREADS} threads (default: the cores), with the
 * rate, the JVM's CPU and the JIT's compile time of every {@code EVERY} (default 500) statements, so that changes to
 * the render path and JVM options can be compared on the first statements of a process, where a close in a fresh JVM
 * spends its time. Run by {@code RENDER=1 bench/statements-fresh.sh}. Prints numbers, asserts nothing.
 */
public final class FreshRenderLoop {

    private FreshRenderLoop() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        int count = Integer.parseInt(System.getenv().getOrDefault("COUNT", "4000"));
        int threads = Integer.parseInt(System.getenv().getOrDefault("THREADS",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        int every = Integer.parseInt(System.getenv().getOrDefault("EVERY", "500"));
        StatementRenderer renderer = new StatementRenderer(Path.of("reports"));
        Locale russian = Locale.forLanguageTag("ru");
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        long[] mark = {started, os.getProcessCpuTime(), jit.getTotalCompilationTime()};
        System.out.printf("JVM start to first render: %d ms%n", System.currentTimeMillis() - jvmStarted);
        System.out.printf("%8s %12s %14s %14s %12s%n", "renders", "renders/s", "CPU ms/render", "JIT s (slice)",
                "elapsed s");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    bytes.addAndGet(renderer.renderQuarter(StatementsBenchmark.warmupStatement(i), russian).length);
                    int n = done.incrementAndGet();
                    if (n % every == 0) {
                        synchronized (mark) {
                            long now = System.nanoTime();
                            long cpu = os.getProcessCpuTime();
                            long compiled = jit.getTotalCompilationTime();
                            System.out.printf("%8d %12.1f %14.2f %14.2f %12.1f%n", n,
                                    every / ((now - mark[0]) / 1e9), (cpu - mark[1]) / 1e6 / every,
                                    (compiled - mark[2]) / 1e3, (now - started) / 1e9);
                            mark[0] = now;
                            mark[1] = cpu;
                            mark[2] = compiled;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d statements in %.1f s: %.1f/s on %d threads, average PDF %.1f KB, JIT %.1f s in all%n",
                count, seconds, count / seconds, threads, bytes.get() / 1024.0 / count,
                jit.getTotalCompilationTime() / 1e3);
        Map<String, Double> cpu = cpuSecondsByThreadKind();
        double total = os.getProcessCpuTime() / 1e9;
        cpu.put("render and ended threads", Math.round((total - cpu.values().stream().mapToDouble(Double::doubleValue)
                .sum()) * 10) / 10.0);
        System.out.printf("CPU s since the JVM started: %.1f, of which %s; per statement, all threads: %.2f ms%n",
                total, cpu, total * 1e3 / count);
    }

    /** CPU seconds of this process's threads by kind (JIT compilers, GC, the rest), from /proc (Linux only). */
    static Map<String, Double> cpuSecondsByThreadKind() {
        Map<String, Double> seconds = new TreeMap<>();
        ThreadCpu.snapshot().secondsByName().forEach((name, cpu) -> {
            String kind = name.startsWith("C2 Compiler") ? "C2" : name.startsWith("C1 Compiler") ? "C1"
                    : name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread") ? "GC+VM"
                    : "other live";
            seconds.merge(kind, cpu, Double::sum);
        });
        seconds.replaceAll((kind, value) -> Math.round(value * 10) / 10.0);
        return seconds;
    }
}
