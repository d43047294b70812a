package io.periodclose.partition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manager's side of a remotely partitioned step: sends one {@link PartitionRequest} per partition and learns
 * each outcome from the job repository, never from a reply message. While it waits it watches the workers:
 * <ul>
 *     <li>a partition whose worker died ({@link PartitionClaims}: claimed, unfinished, lock free) is marked FAILED
 *     at once with a message naming the partition and the worker; the other partitions are withdrawn (a worker
 *     stops after its current chunk) and the step fails within seconds, so that {@code jobs restart} runs exactly
 *     the partitions that did not complete;</li>
 *     <li>with no worker listening and none running a partition, the step fails after a short grace with a message
 *     that says to start {@code worker};</li>
 *     <li>a request no worker took while the queue is empty (lost on its way) is sent again; a partition runs at
 *     most once whatever arrives twice.</li>
 * </ul>
 * Spring Batch's {@code MessageChannelPartitionHandler} polls the repository too, but knows no worker and only a
 * global time-out, which is why this handler exists.
 */
public class RemotePartitionHandler extends AbstractPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final String workerStepName;
    private final JobRepository jobRepository;
    private final PartitionTransport transport;
    private final PartitionClaims claims;
    private final Timing timing;

    /** How often the repository is read, how long an idle queue may keep a request, how long to wait for a worker. */
    public record Timing(Duration pollInterval, Duration resendAfter, Duration noWorkerGrace) {
    }

    public RemotePartitionHandler(String workerStepName, int gridSize, JobRepository jobRepository,
                                  PartitionTransport transport, PartitionClaims claims, Timing timing) {
        this.workerStepName = workerStepName;
        this.jobRepository = jobRepository;
        this.transport = transport;
        this.claims = claims;
        this.timing = timing;
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
            throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        Wait wait = new Wait(managerStepExecution, partitions);
        wait.dispatch();
        while (!wait.unfinished.isEmpty()) {
            Thread.sleep(timing.pollInterval().toMillis());
            wait.look();
        }
        Set<StepExecution> finished = new HashSet<>();
        for (Long id : wait.names.keySet()) {
            finished.add(jobRepository.getStepExecution(id));
        }
        if (wait.failure != null) {
            throw new PartitionFailedException(managerStepExecution.getStepName() + " failed: " + wait.failure);
        }
        return finished;
    }

    /** One step's partitions, from their requests until none of them runs any more. */
    private final class Wait {

        private final String stepName;
        private final long jobExecutionId;
        private final Map<Long, String> names = new LinkedHashMap<>();
        private final Set<Long> unfinished;
        private long lastSent;
        private long noWorkerSince;
        private String failure;

        Wait(StepExecution managerStepExecution, Set<StepExecution> partitions) {
            this.stepName = managerStepExecution.getStepName();
            this.jobExecutionId = managerStepExecution.getJobExecutionId();
            partitions.stream().sorted((a, b) -> a.getStepName().compareTo(b.getStepName()))
                    .forEach(p -> names.put(p.getId(), p.getStepName()));
            this.unfinished = new HashSet<>(names.keySet());
        }

        void dispatch() {
            try {
                if (transport.listeningWorkers() == 0) {
                    giveUp("no worker is listening for partitions on " + transport.describe()
                            + "; start one or more with `period-close worker`, then `jobs restart`");
                    return;
                }
                for (Long id : names.keySet()) {
                    transport.send(new PartitionRequest(jobExecutionId, id, workerStepName));
                }
                lastSent = System.nanoTime();
                log.info("{}: {} partitions sent to {}", stepName, names.size(), transport.describe());
            } catch (RuntimeException e) {
                giveUp("the message broker failed (" + transport.describe() + "): " + e.getMessage());
            }
        }

        void look() {
            // in this order, the reverse of a worker's: it takes its lock before it writes its claim, and releases
            // the lock only after the outcome is recorded. So a partition claimed at the first look, whose lock is
            // free at the second and whose status is still running at the third, has lost its worker.
            Map<Long, String> claimed = claims.claimed(unfinished);
            Set<Long> alive = claims.alive(unfinished);
            Map<Long, BatchStatus> statuses = claims.statuses(unfinished);
            unfinished.removeIf(id -> statuses.get(id) == null || !statuses.get(id).isRunning());
            if (unfinished.isEmpty()) {
                return;
            }
            List<String> lost = new ArrayList<>();
            for (Long id : List.copyOf(unfinished)) {
                String worker = claimed.get(id);
                if (worker != null && !worker.isEmpty() && !alive.contains(id)) {
                    String reason = names.get(id) + ": its worker " + worker
                            + " is gone (its database session ended: the process died or lost the database)";
                    markFailed(id, reason);
                    unfinished.remove(id);
                    lost.add(reason);
                }
            }
            if (!lost.isEmpty()) {
                giveUp(String.join("; ", lost));
                return;
            }
            if (failure != null) {
                markUnclaimedFailed(claimed);
                return;
            }
            try {
                boolean running = unfinished.stream().anyMatch(alive::contains);
                if (!running && transport.listeningWorkers() == 0) {
                    if (noWorkerSince == 0) {
                        noWorkerSince = System.nanoTime();
                    } else if (System.nanoTime() - noWorkerSince > timing.noWorkerGrace().toNanos()) {
                        giveUp("no worker is listening for partitions on " + transport.describe()
                                + " any more; start `period-close worker`, then `jobs restart`");
                    }
                    return;
                }
                noWorkerSince = 0;
                if (System.nanoTime() - lastSent > timing.resendAfter().toNanos() && transport.waitingRequests() == 0) {
                    for (Long id : unfinished) {
                        if (!claimed.containsKey(id)) {
                            log.warn("{}: no worker took the request for {}; sending it again", stepName, names.get(id));
                            transport.send(new PartitionRequest(jobExecutionId, id, workerStepName));
                        }
                    }
                    lastSent = System.nanoTime();
                }
            } catch (RuntimeException e) {
                giveUp("the message broker failed (" + transport.describe() + "): " + e.getMessage());
            }
        }

        /**
         * The step fails: the partitions not finished are withdrawn, so that a worker stops the one it runs after
         * its current chunk and drops a request still on its way; those no worker took are marked FAILED now. The
         * wait goes on until no partition runs, so that a restart never runs one beside its earlier self.
         */
        private void giveUp(String reason) {
            if (failure != null) {
                failure = failure + "; " + reason;
                return;
            }
            failure = reason;
            log.error("{}: {}; withdrawing the partitions not finished", stepName, reason);
            claims.withdraw(jobExecutionId, unfinished);
            markUnclaimedFailed(claims.claimed(unfinished));
        }

        private void markUnclaimedFailed(Map<Long, String> claimed) {
            for (Long id : List.copyOf(unfinished)) {
                if ("".equals(claimed.getOrDefault(id, ""))) {
                    markFailed(id, "not started: " + names.get(id) + " was withdrawn after " + failure);
                    unfinished.remove(id);
                }
            }
        }
    }

    private void markFailed(long stepExecutionId, String reason) {
        StepExecution execution = jobRepository.getStepExecution(stepExecutionId);
        if (execution == null || !execution.getStatus().isRunning()) {
            return;
        }
        FailedPartitions.record(jobRepository, execution, ExitStatus.FAILED.addExitDescription(reason));
    }
}
