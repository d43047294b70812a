package io.periodclose.approval;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.expiry.ExpiryJobConfiguration;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseJobConfiguration;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Optional;

/**
 * Approves or rejects a run that stopped for approval (SPEC §9), from the command line, the pages and the API alike.
 * Every attempt, done or refused, is in the audit trail.
 * <p>
 * Approving records who and when against the figures the run calculated (refused when they changed since, or when
 * the approver launched the run: four eyes), then continues the same job instance through the ordinary restart,
 * which posts. Rejecting abandons the execution, and frees the quarter (or year) for a new run once the data is
 * fixed; a run that has posted anything can no longer be rejected.
 */
@Service
public class ApprovalService {

    /** What an approval or a rejection did: the decided approval and, for an approval, the continued execution. */
    public record Decision(Approval approval, JobExecution execution) {
    }

    private final Approvals approvals;
    private final CalculatedFigures figures;
    private final JobRuns jobRuns;
    private final AuditLog audit;

    public ApprovalService(Approvals approvals, CalculatedFigures figures, JobRuns jobRuns, AuditLog audit) {
        this.approvals = approvals;
        this.figures = figures;
        this.jobRuns = jobRuns;
        this.audit = audit;
    }

    public Decision approve(Actor actor, String period) {
        Approval approval = audited(actor, "APPROVE", period, () -> record(actor, period));
        JobExecution execution;
        try {
            execution = jobRuns.restart(approvals.lastExecution(approval.jobInstanceId()));
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), "CONTINUE", target(approval), approval.jobExecutionId(),
                    e instanceof RefusedException ? Outcome.REFUSED : Outcome.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
        audit.record(actor.username(), actor.channel(), "CONTINUE", target(approval), execution.getId(), Outcome.DONE,
                execution.getStatus().toString());
        return new Decision(approvals.forInstance(approval.jobInstanceId()).orElseThrow(), execution);
    }

    /**
     * Records the approval without continuing the run: {@link #approve} continues it at once; a test uses this to
     * change the figures between the approval and the posting.
     */
    Approval record(Actor actor, String period) {
        Approval approval = awaiting(period);
        String by = name(actor);
        for (String launcher : approvals.launchers(approval.jobInstanceId())) {
            if (launcher.equalsIgnoreCase(by)) {
                throw new RefusedException(by + " launched the " + what(approval) + " and cannot approve it: someone"
                        + " else must (four eyes)");
            }
        }
        Figures now = current(approval);
        if (!now.sha256().equals(approval.figuresSha256())) {
            throw new RefusedException("the calculated figures of " + period + " changed since the " + what(approval)
                    + " stopped for approval (totals then " + approval.totalsText() + "); reject it and run it again");
        }
        if (!approvals.decide(approval.id(), Approval.Status.APPROVED, by, null)) {
            throw new RefusedException("the " + what(approval) + " was decided by someone else meanwhile");
        }
        return approvals.forInstance(approval.jobInstanceId()).orElseThrow();
    }

    public Decision reject(Actor actor, String period, String reason) {
        Approval rejected = audited(actor, "REJECT", period, () -> {
            if (reason == null || reason.isBlank()) {
                throw new BadInputException("a rejection needs a reason: --reason TEXT");
            }
            Approval approval = approvals.latest(job(period), canonical(period)).orElseThrow(() -> nothing(period));
            boolean approvedButUnposted = approval.approved()
                    && !approvals.postedAnything(approval.jobInstanceId()) && !completed(approval);
            if (!approval.pending() && !approvedButUnposted) {
                throw new RefusedException("the " + what(approval) + " cannot be rejected: it was "
                        + approval.describe() + (approval.approved() ? " and has posted" : ""));
            }
            JobExecution last = jobRuns.execution(approvals.lastExecution(approval.jobInstanceId()));
            if (last.getStatus() != BatchStatus.ABANDONED) {
                jobRuns.abandon(last.getId());
            }
            String by = name(actor);
            boolean decided = approval.pending()
                    ? approvals.decide(approval.id(), Approval.Status.REJECTED, by, reason.strip())
                    : approvals.rejectApproved(approval.id(), by, reason.strip());
            if (!decided) {
                throw new RefusedException("the " + what(approval) + " was decided by someone else meanwhile");
            }
            return approvals.forInstance(approval.jobInstanceId()).orElseThrow();
        });
        return new Decision(rejected, jobRuns.execution(approvals.lastExecution(rejected.jobInstanceId())));
    }

    /** The approval a period awaits, or a refusal that says why there is none. */
    private Approval awaiting(String period) {
        Approval approval = approvals.latest(job(period), canonical(period)).orElseThrow(() -> nothing(period));
        if (!approval.pending()) {
            throw new RefusedException("the " + what(approval) + " does not await approval: it was "
                    + approval.describe());
        }
        // normally STOPPED awaiting approval; one whose process died at the gate is recovered by the restart
        JobExecution last = jobRuns.execution(approvals.lastExecution(approval.jobInstanceId()));
        if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
            throw new RefusedException("the " + what(approval) + " is " + last.getStatus() + " (execution "
                    + last.getId() + "), not waiting for approval");
        }
        return approval;
    }

    private boolean completed(Approval approval) {
        return jobRuns.execution(approvals.lastExecution(approval.jobInstanceId())).getStatus()
                == BatchStatus.COMPLETED;
    }

    private Figures current(Approval approval) {
        return approval.closeRunId() != null ? figures.ofCloseRun(approval.closeRunId())
                : figures.ofYear(Integer.parseInt(approval.period()));
    }

    private interface Action {
        Approval run();
    }

    private Approval audited(Actor actor, String action, String period, Action work) {
        Optional<Approval> before = Optional.empty();
        try {
            before = approvals.latest(job(period), canonical(period));
        } catch (BadInputException ignored) {
            // a period that is neither a quarter nor a year: refused below, audited without an execution
        }
        Long execution = before.map(Approval::jobExecutionId).orElse(null);
        String target = before.map(ApprovalService::target).orElse(AuditLog.oneLine(period));
        Approval done;
        try {
            done = work.run();
        } catch (RefusedException | BadInputException e) {
            audit.record(actor.username(), actor.channel(), action, target, execution, Outcome.REFUSED,
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), action, target, execution, Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw e;
        }
        audit.record(actor.username(), actor.channel(), action, target(done), done.jobExecutionId(), Outcome.DONE,
                "totals " + done.totalsText() + ", figures sha256 " + done.figuresSha256()
                        + (done.reason() == null ? "" : ", reason: " + done.reason()));
        return done;
    }

    private static String target(Approval approval) {
        return (approval.job().equals("close") ? "close " : "year-end ") + approval.period();
    }

    private static String what(Approval approval) {
        return (approval.job().equals("close") ? "close of " : "year-end of ") + approval.period();
    }

    private static String name(Actor actor) {
        if (actor.username() == null || actor.username().isBlank()) {
            throw new BadInputException("say who decides: --by NAME");
        }
        return actor.username().strip();
    }

    /** "2026-Q3" is a quarter's close, "2026" a year-end. */
    static String job(String period) {
        if (period != null && period.strip().matches("\\d{4}")) {
            return ExpiryJobConfiguration.JOB_NAME;
        }
        canonical(period);
        return CloseJobConfiguration.JOB_NAME;
    }

    private static String canonical(String period) {
        if (period != null && period.strip().matches("\\d{4}")) {
            return period.strip();
        }
        try {
            return Quarter.parse(period == null ? "" : period.strip().toUpperCase(Locale.ROOT)).toString();
        } catch (RuntimeException e) {
            throw new BadInputException("--period must be a quarter (2026-Q3) or, for a year-end, a year (2026),"
                    + " not '" + period + "'");
        }
    }

    private static RefusedException nothing(String period) {
        return new RefusedException("nothing awaits approval for " + period);
    }
}
