package io.periodclose.ops;

import io.periodclose.partition.WorkerIdentity;
import org.springframework.batch.core.step.StepExecution;

import java.util.Optional;

/**
 * What a step execution says about itself as a partition: whether it is one ({@code calculateRebatesWorker:partition3})
 * and which worker process ran it, as {@code jobs show}, the execution page and the API show it.
 */
public final class PartitionSteps {

    private PartitionSteps() {
    }

    public static boolean isPartition(StepExecution step) {
        return step.getStepName().contains(":partition");
    }

    /**
     * The {@code HOST:PID} that ran a partition; empty for a step that is not a partition, and for a partition of
     * an execution older than the worker's identity being recorded.
     */
    public static Optional<String> worker(StepExecution step) {
        if (!isPartition(step)) {
            return Optional.empty();
        }
        return Optional.ofNullable(step.getExecutionContext().getString(WorkerIdentity.CONTEXT_KEY, null))
                .filter(worker -> !worker.isBlank());
    }
}
