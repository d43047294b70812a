package io.periodclose.partition;

import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportService;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.Broker;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning on the machine's RabbitMQ, manager and worker in this JVM (the test with worker processes,
 * killed, is RemoteCloseProcessesTest): partitions travel as messages and run once, whatever the broker loses or
 * delivers twice.
 */
@DatabaseTest
@TestPropertySource(properties = {"period-close.partitioning=remote", "period-close.worker.enabled=true",
        "period-close.worker-threads=2", "period-close.grid-size=4", "period-close.partition-poll=100ms",
        "period-close.partition-resend=2s", "period-close.partition-no-worker-grace=1s",
        "period-close.partition-queue=period-close.test-partitions", "spring.datasource.hikari.maximum-pool-size=20"})
class RemotePartitioningTest {

    private static final String QUEUE = "period-close.test-partitions";

    @TempDir
    static Path data;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportService imports;
    @Autowired
    CloseService closes;
    @Autowired
    JobRuns jobRuns;
    @Autowired
    PartitionTransport transport;
    @Autowired
    AmqpAdmin amqp;
    @Autowired
    SimpleMessageListenerContainer listener;

    static ConfigurableApplicationContext context;

    @BeforeAll
    static void dataSet() throws Exception {
        Broker.assumeReachable();
        new DataSetGenerator(new DataSetGenerator.Settings(60, 600, 2026, 2, 7)).writeTo(data);
    }

    @BeforeEach
    void freshBooks(@Autowired ConfigurableApplicationContext applicationContext) {
        context = applicationContext;
        amqp.purgeQueue(QUEUE, false);
        listener.start();
        Books.freshWith(jdbc, imports, data);
    }

    @AfterEach
    void listening() {
        listener.start();
    }

    @AfterAll
    static void deleteQueue() {
        if (context != null && context.isActive()) {
            context.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
        }
    }

    @Test
    void partitionsRunAsMessagesAndRecordTheirWorker() {
        JobExecution close = completed(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false));

        List<StepExecution> partitions = partitions(close);
        assertThat(partitions).extracting(StepExecution::getStepName)
                .contains("calculateRebatesWorker:partition3", "postRebatesWorker:partition0",
                        "applyClaimsWorker:partition1", "writeQuarterStatementsWorker:partition2");
        assertThat(partitions).allSatisfy(p -> assertThat(jobRuns.execution(close.getId()).getStepExecutions().stream()
                .filter(s -> s.getId() == p.getId()).findFirst().orElseThrow()
                .getExecutionContext().getString(WorkerIdentity.CONTEXT_KEY)).isEqualTo(WorkerIdentity.current()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM partition_claim WHERE job_execution_id = ? AND worker = ?",
                Integer.class, close.getId(), WorkerIdentity.current())).isEqualTo(partitions.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Integer.class)).isEqualTo(60);
        assertLedgerSound(jdbc);
    }

    @Test
    void theHealthOfServeReportsTheBrokerAndTheWorkersListening(@Autowired HealthIndicator partitionBroker) {
        Health health = partitionBroker.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("workerConsumers", 2).containsEntry("waitingPartitions", 0);
        assertThat(String.valueOf(health.getDetails().get("queue"))).contains(QUEUE, "amqp://");
        listener.stop();
        assertThat(partitionBroker.health(true).getDetails()).containsEntry("workerConsumers", 0);
    }

    @Test
    void duplicatedRequestsPostNothingTwice() throws Exception {
        JobExecution close = completed(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false));
        List<String> books = entries(jdbc);
        long settlements = jdbc.queryForObject("SELECT count(*) FROM claim_settlement", Long.class);
        long statements = jdbc.queryForObject("SELECT count(*) FROM statement", Long.class);

        for (StepExecution partition : partitions(close)) {
            String workerStep = partition.getStepName().substring(0, partition.getStepName().indexOf(':'));
            transport.send(new PartitionRequest(close.getId(), partition.getId(), workerStep));
            transport.send(new PartitionRequest(close.getId(), partition.getId(), workerStep));
        }
        waitUntilTaken();

        assertThat(entries(jdbc)).isEqualTo(books);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM claim_settlement", Long.class)).isEqualTo(settlements);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM statement", Long.class)).isEqualTo(statements);
        assertThat(jobRuns.execution(close.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(jobRuns.execution(close.getId()))).allSatisfy(
                p -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
    }

    @Test
    void requestsLostOnTheWayAreSentAgain(@Autowired ConnectionFactory connectionFactory) throws Exception {
        listener.stop();
        // a consumer that takes requests and loses them, as a crashed broker node or a purge would
        AtomicInteger lost = new AtomicInteger();
        Connection connection = connectionFactory.createConnection();
        Channel channel = connection.createChannel(false);
        String swallower = channel.basicConsume(QUEUE, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                lost.incrementAndGet();
            }
        });
        CompletableFuture<JobExecution> close = CompletableFuture.supplyAsync(
                () -> closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false));
        while (lost.get() < 4 && !close.isDone()) {
            Thread.sleep(20);
        }
        channel.basicCancel(swallower);
        channel.close();
        connection.close();
        assertThat(close).as("the manager waits for the lost partitions").isNotDone();
        listener.start();

        JobExecution finished = completed(close.get());
        assertThat(lost.get()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Integer.class)).isEqualTo(60);
        assertThat(partitions(jobRuns.execution(finished.getId()))).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertLedgerSound(jdbc);
    }

    @Test
    void aCloseWithNoWorkerFailsAtOnceSayingToStartOne() {
        listener.stop();
        long start = System.nanoTime();
        JobExecution close = closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
        assertThat(close.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(close.getAllFailureExceptions()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).contains("no worker is listening", "period-close worker", QUEUE));
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("seconds to fail").isLessThan(30);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Integer.class)).isZero();

        listener.start();
        completed(jobRuns.restart(close.getId()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Integer.class)).isEqualTo(60);
        assertLedgerSound(jdbc);
    }

    private void waitUntilTaken() throws InterruptedException {
        for (int i = 0; i < 100 && transport.waitingRequests() > 0; i++) {
            Thread.sleep(100);
        }
        // the last request taken is dropped within milliseconds; a second look makes sure none is being run
        Thread.sleep(500);
        assertThat(transport.waitingRequests()).isZero();
    }

    private static List<StepExecution> partitions(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().contains(":partition")).toList();
    }

    private static JobExecution completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }
}
