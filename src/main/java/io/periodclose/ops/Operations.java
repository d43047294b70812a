package io.periodclose.ops;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What people and the scheduler do to jobs from {@code serve}: launch a close or a year-end, restart, stop or
 * abandon an execution. Every action, done or refused or failed, lands in the audit trail with who asked, through
 * which channel and the execution it concerned. In {@code serve} jobs run on the batch task executor, so a launch
 * returns as soon as the execution exists; the rules (period order, already running, ...) are checked before.
 */
@Service
public class Operations {

    /** Who acts, and through what. */
    public record Actor(String username, Channel channel) {
        public static Actor scheduler() {
            return new Actor("scheduler", Channel.SCHEDULER);
        }

        /** The command line: the operating system's user, as the shell knows it. */
        public static Actor commandLine() {
            return new Actor(System.getProperty("user.name", "unknown"), Channel.CLI);
        }
    }

    private final CloseService closeService;
    private final ExpiryService expiryService;
    private final JobRuns jobRuns;
    private final AuditLog audit;

    public Operations(CloseService closeService, ExpiryService expiryService, JobRuns jobRuns, AuditLog audit) {
        this.closeService = closeService;
        this.expiryService = expiryService;
        this.jobRuns = jobRuns;
        this.audit = audit;
    }

    public JobExecution close(Actor actor, Quarter quarter, LocalDate asOf, boolean reclose) {
        String target = (reclose ? "re-close " : "close ") + quarter + " as of " + asOf;
        return audited(actor, reclose ? "RECLOSE" : "CLOSE", target, null,
                () -> closeService.close(quarter, asOf, reclose, actor.username()));
    }

    public JobExecution expire(Actor actor, int year) {
        return audited(actor, "EXPIRE", "year-end " + year, null, () -> expiryService.expire(year, actor.username()));
    }

    public JobExecution restart(Actor actor, long executionId) {
        return audited(actor, "RESTART", "execution " + executionId, executionId, () -> jobRuns.restart(executionId));
    }

    public JobExecution stop(Actor actor, long executionId) {
        return audited(actor, "STOP", "execution " + executionId, executionId, () -> jobRuns.stop(executionId));
    }

    public JobExecution abandon(Actor actor, long executionId) {
        return audited(actor, "ABANDON", "execution " + executionId, executionId, () -> jobRuns.abandon(executionId));
    }

    private JobExecution audited(Actor actor, String action, String target, Long executionId,
                                 Supplier<JobExecution> operation) {
        JobExecution execution;
        try {
            execution = operation.get();
        } catch (RefusedException | BadInputException e) {
            audit.record(actor.username(), actor.channel(), action, target, executionId, Outcome.REFUSED,
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), action, target, executionId, Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw e;
        }
        // a restart creates a new execution: the trail names the one that now runs
        audit.record(actor.username(), actor.channel(), action, target, execution.getId(), Outcome.DONE,
                execution.getStatus().toString());
        return execution;
    }
}
