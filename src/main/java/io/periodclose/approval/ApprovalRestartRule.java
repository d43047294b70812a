package io.periodclose.approval;

import io.periodclose.RefusedException;
import io.periodclose.ops.RestartRule;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * A run stopped for approval continues only through {@code approve}: restarting it by id ({@code jobs restart}, the
 * pages, the API) before anyone approved it is refused, as is restarting a rejected one. Once approved, a restart
 * (say after the posting's process died) is an ordinary one.
 */
@Component
class ApprovalRestartRule implements RestartRule {

    private final Approvals approvals;

    ApprovalRestartRule(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public void checkRestart(JobExecution execution) {
        approvals.forInstance(execution.getJobInstance().getId()).ifPresent(approval -> {
            if (approval.pending()) {
                throw new RefusedException("execution " + execution.getId() + " awaits approval ("
                        + approval.describe() + "); it continues once approved: approve --period "
                        + approval.period() + " --by NAME");
            }
            if (approval.status() == Approval.Status.REJECTED) {
                throw new RefusedException("execution " + execution.getId() + " was " + approval.describe()
                        + "; run the " + (approval.job().equals("close") ? "close" : "year-end") + " of "
                        + approval.period() + " again instead");
            }
        });
    }
}
