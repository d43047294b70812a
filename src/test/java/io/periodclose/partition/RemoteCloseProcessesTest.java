package io.periodclose.partition;

import io.periodclose.generate.DataSetGenerator;
import io.periodclose.support.Broker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scale-out as operations run it: a manager and two worker JVMs (child processes of this test) on the machine's
 * PostgreSQL and RabbitMQ close a quarter with statements; one worker is killed with SIGKILL in the middle of the
 * statements; the close fails within seconds naming it; {@code jobs restart} completes the close on the surviving
 * worker; and the books and the manifest equal those of a {@code local} close of the same data.
 */
class RemoteCloseProcessesTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = System.getenv().getOrDefault("PERIOD_CLOSE_TEST_PG_USER", "postgres");
    private static final String REMOTE_DB = "period_close_remote_it";
    private static final String LOCAL_DB = "period_close_local_it";
    private static final String QUEUE = "period-close.it-partitions";

    @TempDir
    static Path work;

    static JdbcTemplate remote;
    static CachingConnectionFactory broker;
    static final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void databases() throws Exception {
        Broker.assumeReachable();
        boolean required = "required".equals(System.getenv("PERIOD_CLOSE_REMOTE_TESTS"));
        try (var connection = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + REMOTE_DB + " WITH (FORCE)");
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + LOCAL_DB + " WITH (FORCE)");
            connection.createStatement().execute("CREATE DATABASE " + REMOTE_DB);
        } catch (SQLException e) {
            if (required) {
                throw e;
            }
            assumeTrue(false, "no PostgreSQL server at " + SERVER + ": " + e.getMessage());
        }
        broker = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
        new RabbitAdmin(broker).deleteQueue(QUEUE);
    }

    @AfterAll
    static void stop() {
        children.forEach(Process::destroyForcibly);
        if (broker != null) {
            new RabbitAdmin(broker).deleteQueue(QUEUE);
            broker.destroy();
        }
    }

    @Test
    void aWorkerKilledMidStepFailsTheCloseInSecondsAndRestartFinishesItOnTheOtherOne() throws Exception {
        Path data = work.resolve("data");
        new DataSetGenerator(new DataSetGenerator.Settings(1200, 12_000, 2026, 2, 11)).writeTo(data);
        for (String kind : List.of("distributors", "targets", "sales", "claims", "payments")) {
            String file = switch (kind) {
                case "distributors" -> DataSetGenerator.DISTRIBUTORS_FILE;
                case "targets" -> DataSetGenerator.TARGETS_FILE;
                case "sales" -> DataSetGenerator.SALES_FILE;
                case "payments" -> DataSetGenerator.PAYMENTS_FILE;
                default -> DataSetGenerator.CLAIMS_FILE;
            };
            assertThat(run(REMOTE_DB, "local", "import", kind, data.resolve(file).toString()).exitCode).isZero();
        }
        try (var connection = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            connection.createStatement().execute("CREATE DATABASE " + LOCAL_DB + " TEMPLATE " + REMOTE_DB);
        }
        remote = new JdbcTemplate(new SingleConnectionDataSource(SERVER + REMOTE_DB, USER, "", true));

        Process first = start(REMOTE_DB, "remote", "worker", "--threads", "1");
        Process second = start(REMOTE_DB, "remote", "worker", "--threads", "1");
        String firstWorker = WorkerIdentity.current().replaceAll(":\\d+$", ":" + first.pid());
        String secondWorker = WorkerIdentity.current().replaceAll(":\\d+$", ":" + second.pid());
        waitForConsumers(2, first, second);

        Path remoteOut = work.resolve("remote-out");
        Process manager = start(REMOTE_DB, "remote", "--out", remoteOut.toString(), "close", "--period", "2025-Q1",
                "--as-of", "2025-04-05");
        waitForStatementPartitionOf(firstWorker, manager);
        first.destroyForcibly();
        long killed = System.nanoTime();
        assertThat(manager.waitFor(60, TimeUnit.SECONDS)).as("the close ends after the kill").isTrue();
        double secondsToFail = (System.nanoTime() - killed) / 1e9;
        String managerErr = Files.readString(log(manager, "err"));
        assertThat(manager.exitValue()).as(managerErr).isEqualTo(1);
        System.out.printf("A worker killed with SIGKILL: the close failed %.1f s later%n", secondsToFail);
        assertThat(secondsToFail).as("seconds from the kill to the failed close").isLessThan(20);
        assertThat(managerErr).contains("writeQuarterStatementsWorker:partition", firstWorker, "is gone");

        long execution = remote.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(workersOf(execution, "calculateRebatesWorker%")).as("partitions spread over both workers")
                .containsExactlyInAnyOrder(firstWorker, secondWorker);

        ChildRun restart = run(REMOTE_DB, "remote", "--out", remoteOut.toString(), "jobs", "restart",
                Long.toString(execution));
        assertThat(restart.exitCode).as(restart.err).isZero();
        long restarted = remote.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(workersOf(restarted, "%")).containsExactly(secondWorker);
        List<String> completedBefore = partitionsOf(execution, "COMPLETED", "writeQuarterStatementsWorker:%");
        assertThat(completedBefore).hasSizeGreaterThanOrEqualTo(2);
        assertThat(partitionsOf(restarted, "%", "%:partition%"))
                .as("only the statements partitions that did not complete run again")
                .hasSize(16 - completedBefore.size())
                .allSatisfy(name -> assertThat(name).startsWith("writeQuarterStatementsWorker:"))
                .doesNotContainAnyElementsOf(completedBefore);

        Path localOut = work.resolve("local-out");
        ChildRun local = run(LOCAL_DB, "local", "--out", localOut.toString(), "close", "--period", "2025-Q1",
                "--as-of", "2025-04-05");
        assertThat(local.exitCode).as(local.err).isZero();
        JdbcTemplate reference = new JdbcTemplate(new SingleConnectionDataSource(SERVER + LOCAL_DB, USER, "", true));
        for (String figures : List.of(
                "SELECT distributor_code, currency, total FROM rebate ORDER BY 1",
                "SELECT claim_id, share, requested, balance_before, covered, distributor_pays, status FROM claim_settlement ORDER BY 1",
                "SELECT account, distributor_code, currency, sum(credit - debit) FROM ledger_line GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                "SELECT distributor_code, closing_balance FROM statement WHERE file IS NOT NULL ORDER BY 1")) {
            List<Map<String, Object>> expected = reference.queryForList(figures);
            assertThat(expected).as(figures).isNotEmpty();
            assertThat(remote.queryForList(figures)).as(figures).isEqualTo(expected);
        }
        assertThat(closingBalances(remoteOut)).hasSize(1200).isEqualTo(closingBalances(localOut));

        // SIGTERM in the middle of a partition: the worker finishes its chunk and leaves, the other one goes on,
        // the close ends STOPPED and a restart runs what was left
        Process third = start(REMOTE_DB, "remote", "worker", "--threads", "1");
        String thirdWorker = WorkerIdentity.current().replaceAll(":\\d+$", ":" + third.pid());
        waitForConsumers(2, second, third);
        Process nextQuarter = start(REMOTE_DB, "remote", "--out", remoteOut.toString(), "close", "--period", "2025-Q2",
                "--as-of", "2025-07-05");
        waitForStatementPartitionOf(thirdWorker, nextQuarter);
        third.destroy();
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops a worker after its chunk").isTrue();
        assertThat(third.exitValue()).as("128 + SIGTERM, as any JVM stopped by a signal").isEqualTo(143);
        assertThat(nextQuarter.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(nextQuarter.exitValue()).as(Files.readString(log(nextQuarter, "err"))).isEqualTo(1);
        long stopped = remote.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(partitionsOf(stopped, "STOPPED", "writeQuarterStatementsWorker:%")).hasSize(1);
        assertThat(partitionsOf(stopped, "COMPLETED", "writeQuarterStatementsWorker:%"))
                .as("the other worker went on with the rest").hasSize(15);
        ChildRun finish = run(REMOTE_DB, "remote", "--out", remoteOut.toString(), "jobs", "restart",
                Long.toString(stopped));
        assertThat(finish.exitCode).as(finish.err).isZero();
        assertThat(remote.queryForObject("SELECT count(*) FROM statement WHERE period = '2025-Q2'", Integer.class))
                .isEqualTo(1200);

        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops an idle worker").isTrue();
        assertThat(second.exitValue()).isEqualTo(143);
    }

    /** The partitions of an execution with this status ("%" for all) and name ("%:partition%" for all). */
    private static List<String> partitionsOf(long execution, String status, String stepPattern) {
        return remote.queryForList("""
                SELECT step_name FROM batch_step_execution WHERE job_execution_id = ? AND status LIKE ?
                   AND step_name LIKE ? ORDER BY 1""", String.class, execution, status, stepPattern);
    }

    private static List<String> workersOf(long execution, String stepPattern) {
        return remote.queryForList("""
                SELECT DISTINCT c.worker FROM partition_claim c JOIN batch_step_execution s
                    ON s.step_execution_id = c.step_execution_id
                 WHERE c.job_execution_id = ? AND s.step_name LIKE ? AND c.worker IS NOT NULL ORDER BY 1""",
                String.class, execution, stepPattern);
    }

    /** code and closing balance of each line of the quarter's manifest (the files' checksums differ by PDF dates). */
    private static List<String> closingBalances(Path out) throws IOException {
        return Files.readAllLines(out.resolve("statements").resolve("2025-Q1").resolve("manifest.csv"), StandardCharsets.UTF_8).stream()
                .skip(1).map(line -> {
                    String[] columns = line.split(",");
                    return columns[0] + " " + columns[columns.length - 1];
                }).toList();
    }

    private static void waitForConsumers(int count, Process... workers) throws InterruptedException {
        RabbitAdmin admin = new RabbitAdmin(broker);
        for (int i = 0; i < 1200; i++) {
            QueueInformation queue = admin.getQueueInfo(QUEUE);
            if (queue != null && queue.getConsumerCount() >= count) {
                return;
            }
            for (Process worker : workers) {
                assertThat(worker.isAlive()).as("worker still starting").isTrue();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the workers did not start listening on " + QUEUE);
    }

    private static void waitForStatementPartitionOf(String worker, Process manager) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Integer running = remote.queryForObject("""
                    SELECT count(*) FROM partition_claim c JOIN batch_step_execution s
                        ON s.step_execution_id = c.step_execution_id
                     WHERE c.worker = ? AND s.step_name LIKE 'writeQuarterStatementsWorker:%' AND s.status = 'STARTED'
                       AND (SELECT count(*) FROM batch_step_execution d WHERE d.job_execution_id = s.job_execution_id
                               AND d.step_name LIKE 'writeQuarterStatementsWorker:%' AND d.status = 'COMPLETED') >= 2""",
                    Integer.class, worker);
            if (running != null && running > 0) {
                return;
            }
            assertThat(manager.isAlive()).as("the close is still running").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("worker " + worker + " never ran a statements partition");
    }

    record ChildRun(int exitCode, String out, String err) {
    }

    private static ChildRun run(String database, String mode, String... args) throws Exception {
        Process process = start(database, mode, args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
        children.remove(process);
        return new ChildRun(process.exitValue(), Files.readString(log(process, "out")), Files.readString(log(process, "err")));
    }

    private static Process start(String database, String mode, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPath(), "io.periodclose.cli.PeriodCloseCli",
                "--home", work.resolve("home").toString(), "--programs", Path.of("src/test/resources/programs").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPRING_DATASOURCE_URL", SERVER + database);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", USER);
        builder.environment().put("PERIOD_CLOSE_PARTITIONING", mode);
        builder.environment().put("PERIOD_CLOSE_PARTITION_QUEUE", QUEUE);
        builder.environment().put("SPRING_RABBITMQ_HOST", Broker.HOST);
        builder.environment().put("SPRING_RABBITMQ_PORT", Integer.toString(Broker.PORT));
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        int number = started++;
        builder.redirectOutput(logs.resolve(number + "-out.txt").toFile());
        builder.redirectError(logs.resolve(number + "-err.txt").toFile());
        Process process = builder.start();
        logNumbers.put(process.pid(), number);
        children.add(process);
        return process;
    }

    private static int started;
    private static final Map<Long, Integer> logNumbers = new java.util.HashMap<>();

    private static Path log(Process process, String kind) {
        return work.resolve("logs").resolve(logNumbers.get(process.pid()) + "-" + kind + ".txt");
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
