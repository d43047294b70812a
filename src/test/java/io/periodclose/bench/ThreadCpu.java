package io.periodclose.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU seconds of this JVM's threads between two snapshots, grouped by the thread's name without its number (all
 * partition threads of a step together, the C2 compiler threads together), read from {@code /proc/self/task}
 * (Linux only; empty elsewhere). Threads that ended in between are counted in the process total only.
 */
final class ThreadCpu {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Long> ticksByTask;
    private final long processTicks;

    private ThreadCpu(Map<String, Long> ticksByTask, long processTicks) {
        this.ticksByTask = ticksByTask;
        this.processTicks = processTicks;
    }

    static ThreadCpu snapshot() {
        Map<String, Long> ticks = new HashMap<>();
        long process = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
            String[] self = Files.readString(Path.of("/proc/self/stat")).replaceFirst("^.*\\) ", "").split(" ");
            process = Long.parseLong(self[11]) + Long.parseLong(self[12]);
        } catch (IOException | RuntimeException unavailable) {
            return new ThreadCpu(Map.of(), 0);
        }
        return new ThreadCpu(ticks, process);
    }

    /** CPU seconds of each live thread since it started, by its name (threads of one name summed). */
    Map<String, Double> secondsByName() {
        Map<String, Double> seconds = new TreeMap<>();
        ticksByTask.forEach((task, ticks) -> seconds.merge(task.substring(task.indexOf(' ') + 1),
                ticks / TICKS_PER_SECOND, Double::sum));
        return seconds;
    }

    /** "C2 CompilerThre 1.32, calculateRebates 0.41, ..., process 3.10", largest first. */
    String since(ThreadCpu before) {
        Map<String, Long> byGroup = new TreeMap<>();
        ticksByTask.forEach((task, ticks) -> {
            long delta = ticks - before.ticksByTask.getOrDefault(task, 0L);
            if (delta > 0) {
                byGroup.merge(group(task.substring(task.indexOf(' ') + 1)), delta, Long::sum);
            }
        });
        String groups = byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / TICKS_PER_SECOND))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s; whole JVM %.2f", groups,
                (processTicks - before.processTicks) / TICKS_PER_SECOND);
    }

    /** A thread's name without the digits that number it: "C2 CompilerThre", "partition-", "GC Thread#". */
    private static String group(String name) {
        return name.replaceAll("[0-9]+$", "").strip();
    }
}
