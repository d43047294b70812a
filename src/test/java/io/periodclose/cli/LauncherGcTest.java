package io.periodclose.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector {@code bin/period-close} starts each command on, seen in the command line it hands to Java (a stand-in
 * {@code java} prints it): the throughput collector for the batch jobs, the default for serve and the short commands,
 * and always the one the operator names in {@code JAVA_OPTS}.
 */
class LauncherGcTest {

    @TempDir
    Path dir;

    @Test
    void batchJobsRunOnTheThroughputCollectorAndTheRestOnTheDefault() throws Exception {
        assertThat(launch(Map.of(), "--home", "h", "close", "2026-Q1")).contains("-XX:+UseParallelGC")
                .doesNotContain("-XX:NewRatio=1");
        assertThat(launch(Map.of(), "jobs", "restart", "7")).contains("-XX:+UseParallelGC");
        assertThat(launch(Map.of(), "expire", "2026")).contains("-XX:+UseParallelGC");
        assertThat(launch(Map.of(), "worker")).contains("-XX:+UseParallelGC");
        assertThat(launch(Map.of(), "import", "sales", "f.csv")).contains("-XX:+UseParallelGC", "-XX:NewRatio=1");

        assertThat(launch(Map.of(), "serve")).doesNotContain("-XX:+UseParallelGC");
        assertThat(launch(Map.of(), "jobs", "list")).doesNotContain("-XX:+UseParallelGC");
        assertThat(launch(Map.of(), "balances", "--as-of", "2026-12-31")).doesNotContain("-XX:+UseParallelGC");
    }

    @Test
    void aCollectorNamedInJavaOptsWins() throws Exception {
        assertThat(launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "close", "2026-Q1"))
                .contains("-XX:+UseG1GC", "-Xmx1g").doesNotContain("-XX:+UseParallelGC");
    }

    private List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(dir.resolve("period-close.jar"), "");
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("bin/period-close");
        builder.command().addAll(List.of(args));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(Map.of("JAVA", java.toString(), "PERIOD_CLOSE_JAR", jar.toString(),
                "PERIOD_CLOSE_CDS", "off"));
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        List<String> line = out.lines().toList();
        List<String> jarAndCommand = new ArrayList<>(List.of("-jar", jar.toString()));
        jarAndCommand.addAll(List.of(args));
        assertThat(line).as("the jar and the command's own arguments, unchanged, at the end")
                .endsWith(jarAndCommand.toArray(String[]::new));
        return line;
    }
}
