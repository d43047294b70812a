package io.periodclose.partition;

import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's judgement of a worker's liveness, against the worst timing of a worker that claims a partition
 * while the manager is looking: a live worker is never taken for a dead one.
 */
@DatabaseTest
class RemotePartitionHandlerTest {

    private static final RemotePartitionHandler.Timing FAST =
            new RemotePartitionHandler.Timing(Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(30));

    @Autowired
    JobRepository jobRepository;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWorkerThatClaimsItsPartitionWhileTheManagerLooksIsNotTakenForDead() throws Exception {
        JobExecution job = jobExecution();
        StepExecution manager = jobRepository.createStepExecution("step", job);
        StepExecution partition = jobRepository.createStepExecution("stepWorker:partition0", job);
        PartitionClaims claims = new PartitionClaims(dataSource, jdbc);
        AtomicBoolean claimedOnce = new AtomicBoolean();
        // the worker takes its lock and writes its claim right after the manager has looked at the locks
        PartitionClaims racing = new PartitionClaims(dataSource, jdbc) {
            @Override
            public Set<Long> alive(Collection<Long> ids) {
                Set<Long> alive = super.alive(ids);
                if (claimedOnce.compareAndSet(false, true)) {
                    PartitionClaims.Held held = claims.claim(partition.getId(), job.getId(), "worker:1").orElseThrow();
                    CompletableFuture.runAsync(() -> {
                        sleep(300);
                        StepExecution running = jobRepository.getStepExecution(partition.getId());
                        running.setStatus(BatchStatus.COMPLETED);
                        running.setExitStatus(ExitStatus.COMPLETED);
                        running.setEndTime(LocalDateTime.now());
                        jobRepository.update(running);
                        held.close();
                    });
                }
                return alive;
            }
        };
        RemotePartitionHandler handler = new RemotePartitionHandler("stepWorker", 1, jobRepository,
                new OneWorkerListening(), racing, FAST);

        Collection<StepExecution> outcome = handler.handle(splitInto(partition), manager);

        assertThat(outcome).extracting(StepExecution::getStatus).containsExactly(BatchStatus.COMPLETED);
    }

    @Test
    void aPartitionWhoseWorkerDiedIsFailedNamingTheWorkerAndTheOthersAreWithdrawn() {
        JobExecution job = jobExecution();
        StepExecution manager = jobRepository.createStepExecution("step", job);
        StepExecution doomed = jobRepository.createStepExecution("stepWorker:partition0", job);
        StepExecution waiting = jobRepository.createStepExecution("stepWorker:partition1", job);
        PartitionClaims claims = new PartitionClaims(dataSource, jdbc);
        // claimed, then its worker's session ends: the row stays, the lock goes
        claims.claim(doomed.getId(), job.getId(), "gone:42").orElseThrow().close();
        RemotePartitionHandler handler = new RemotePartitionHandler("stepWorker", 2, jobRepository,
                new OneWorkerListening(), claims, FAST);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(splitInto(doomed, waiting), manager))
                .isInstanceOf(PartitionFailedException.class)
                .hasMessageContaining("stepWorker:partition0: its worker gone:42 is gone");
        assertThat(jobRepository.getStepExecution(doomed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        StepExecution withdrawn = jobRepository.getStepExecution(waiting.getId());
        assertThat(withdrawn.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(withdrawn.getExitStatus().getExitDescription()).startsWith("not started: stepWorker:partition1");
        assertThat(claims.claim(waiting.getId(), job.getId(), "late:7")).as("a late request is dropped").isEmpty();
    }

    private static StepExecutionSplitter splitInto(StepExecution... partitions) {
        return new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return "stepWorker";
            }

            @Override
            public Set<StepExecution> split(StepExecution stepExecution, int gridSize) {
                return Set.of(partitions);
            }
        };
    }

    private JobExecution jobExecution() {
        JobParameters parameters = new JobParametersBuilder().addString("run", UUID.randomUUID().toString())
                .toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("handlerTest", parameters);
        return jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class OneWorkerListening implements PartitionTransport {
        @Override
        public void send(PartitionRequest request) {
        }

        @Override
        public int listeningWorkers() {
            return 1;
        }

        @Override
        public int waitingRequests() {
            return 0;
        }

        @Override
        public String describe() {
            return "a test queue";
        }
    }
}
