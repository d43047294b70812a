package io.periodclose.partition;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/** A partition's step that records the process running it ({@link WorkerIdentity}), as a remote worker does. */
public final class IdentifiedStep implements Step {

    private final Step step;

    public IdentifiedStep(Step step) {
        this.step = step;
    }

    @Override
    public String getName() {
        return step.getName();
    }

    @Override
    public boolean isAllowStartIfComplete() {
        return step.isAllowStartIfComplete();
    }

    @Override
    public int getStartLimit() {
        return step.getStartLimit();
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
        stepExecution.getExecutionContext().putString(WorkerIdentity.CONTEXT_KEY, WorkerIdentity.current());
        step.execute(stepExecution);
    }
}
