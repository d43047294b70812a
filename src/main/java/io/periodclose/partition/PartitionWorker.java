package io.periodclose.partition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The worker's side: runs the partition a request names, once. It claims the partition first
 * ({@link PartitionClaims}); a request for a partition that is claimed, finished or withdrawn is dropped, so a
 * duplicated or redelivered message is harmless. The request is acknowledged to the broker once the partition has
 * ended (or was dropped), so that with one unacknowledged request per consumer a busy worker holds no other one; if
 * this process dies, the manager notices it by the claim's lock, and the request the broker then hands to another
 * worker is dropped there.
 *
 * <p>Every second it looks for partitions the manager withdrew, and {@link #stop} (SIGTERM) asks every running
 * partition to stop: both finish the current chunk and end STOPPED, which {@code jobs restart} runs again.
 */
public class PartitionWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;
    private final StepLocator steps;
    private final PartitionClaims claims;
    private final String identity;
    private final LongPredicate managerAlive;
    private final Map<Long, StepExecution> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher;
    private volatile boolean stopping;

    /** {@code managerAlive} tells whether the process that runs a job execution (the manager) is still there. */
    public PartitionWorker(JobRepository jobRepository, StepLocator steps, PartitionClaims claims, String identity,
                           LongPredicate managerAlive) {
        this.jobRepository = jobRepository;
        this.steps = steps;
        this.claims = claims;
        this.identity = identity;
        this.managerAlive = managerAlive;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partition-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::stopWithdrawn, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Runs the partition {@code request} names unless it is not this worker's to run; {@code acknowledge} tells the
     * broker the request is taken care of.
     *
     * @return the partition's outcome, or empty when the request was dropped
     */
    public Optional<StepExecution> run(PartitionRequest request, Runnable acknowledge) {
        if (stopping) {
            throw new IllegalStateException("worker " + identity + " is stopping; the request goes back to the queue");
        }
        Optional<PartitionClaims.Held> claim = claims.claim(request.stepExecutionId(), request.jobExecutionId(), identity);
        if (claim.isEmpty()) {
            acknowledgeQuietly(acknowledge);
            log.info("Dropped a request for step execution {}: another worker has it, or it ran or was withdrawn",
                    request.stepExecutionId());
            return Optional.empty();
        }
        try (PartitionClaims.Held held = claim.get()) {
            StepExecution execution = jobRepository.getStepExecution(request.stepExecutionId());
            if (execution == null || execution.getStatus() != BatchStatus.STARTING) {
                log.warn("Dropped a request for step execution {}: it is {}", request.stepExecutionId(),
                        execution == null ? "unknown" : execution.getStatus());
                return Optional.empty();
            }
            if (!managerAlive.test(request.jobExecutionId())) {
                // a request left in the queue by a manager that died: its restart runs the partition again
                log.warn("Dropped {}: the process running execution {} is gone", execution.getStepName(),
                        request.jobExecutionId());
                FailedPartitions.record(jobRepository, execution, ExitStatus.FAILED.addExitDescription(
                        "not started: the manager of execution " + request.jobExecutionId() + " is gone"));
                return Optional.empty();
            }
            Step step = steps.getStep(request.stepName());
            execution.getExecutionContext().putString(WorkerIdentity.CONTEXT_KEY, identity);
            running.put(execution.getId(), execution);
            log.info("Running {} (step execution {})", execution.getStepName(), execution.getId());
            try {
                step.execute(execution);
            } catch (Throwable e) {
                // AbstractStep records its own failures; this is what escaped it
                execution.addFailureException(e);
                FailedPartitions.record(jobRepository, execution, ExitStatus.FAILED.addExitDescription(e));
            } finally {
                running.remove(execution.getId());
            }
            log.info("{} ended {}", execution.getStepName(), execution.getStatus());
            return Optional.of(execution);
        } finally {
            acknowledgeQuietly(acknowledge);
        }
    }

    private static void acknowledgeQuietly(Runnable acknowledge) {
        try {
            acknowledge.run();
        } catch (RuntimeException e) {
            // the broker closed the channel (a partition longer than its consumer time-out): it redelivers the
            // request, and whoever takes it finds the claim and drops it
            log.warn("Could not acknowledge a partition request: {}", e.getMessage());
        }
    }

    private void stopWithdrawn() {
        try {
            if (!running.isEmpty()) {
                for (Long id : claims.withdrawn(running.keySet())) {
                    StepExecution execution = running.get(id);
                    if (execution != null && !execution.isTerminateOnly()) {
                        log.warn("{} was withdrawn by the manager: stopping after the current chunk", execution.getStepName());
                        execution.setTerminateOnly();
                    }
                }
                for (StepExecution execution : running.values()) {
                    if (!execution.isTerminateOnly() && !managerAlive.test(execution.getJobExecutionId())) {
                        // its restart will run the partition again: this one must not go on beside it
                        log.warn("{}: the process running execution {} is gone; stopping after the current chunk",
                                execution.getStepName(), execution.getJobExecutionId());
                        execution.setTerminateOnly();
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not look for withdrawn partitions: {}", e.getMessage());
        }
    }

    /** The partitions running here now. */
    public int runningCount() {
        return running.size();
    }

    /** Stops taking requests (a request that arrives now goes back to the queue) and asks the running partitions to
     * stop after their current chunk. */
    public void beginStop() {
        stopping = true;
        running.values().forEach(StepExecution::setTerminateOnly);
    }

    /** {@link #beginStop}, then waits for the running partitions to end. */
    public void stop(long waitMillis) {
        beginStop();
        long deadline = System.currentTimeMillis() + waitMillis;
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
