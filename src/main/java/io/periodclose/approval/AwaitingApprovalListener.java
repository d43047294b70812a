package io.periodclose.approval;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * A job that stopped at its approval gate ends STOPPED like one stopped by an operator; its exit status says which:
 * {@value ApprovalGate#AWAITING_APPROVAL}, which {@code jobs list}, the pages and the command's exit code 4 read.
 */
@Component
public class AwaitingApprovalListener implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.STOPPED) {
            return;
        }
        execution.getStepExecutions().stream()
                .filter(step -> ApprovalGate.AWAITING_APPROVAL.equals(step.getExitStatus().getExitCode()))
                .findFirst()
                .ifPresent(step -> execution.setExitStatus(new ExitStatus(ApprovalGate.AWAITING_APPROVAL,
                        step.getExitStatus().getExitDescription())));
    }

    /** Whether an execution stopped waiting for approval. */
    public static boolean awaiting(JobExecution execution) {
        return execution.getStatus() == BatchStatus.STOPPED
                && ApprovalGate.AWAITING_APPROVAL.equals(execution.getExitStatus().getExitCode());
    }
}
