package io.periodclose.approval;

import io.periodclose.period.CloseJobParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The two steps between a run's calculation and its posting (SPEC §9).
 * <p>
 * {@link Mode#AWAIT} runs once per job instance, right after the calculation: when approval is required (and, for
 * a year-end, there is an annual rebate to post) it records the figures and ends with exit status
 * {@value #AWAITING_APPROVAL}, on which the job's flow stops ({@code stopAndRestart}): the job ends STOPPED with
 * nothing posted. Spring Batch marks that step ABANDONED, so a restart of the same job instance passes it and
 * continues at the check.
 * <p>
 * {@link Mode#CHECK} runs in every execution that may post, before the posting: a run that stopped for approval
 * goes on only once approved and only while its figures still hash to what was approved. Anything else fails the
 * run loudly, with nothing posted.
 */
public class ApprovalGate implements Tasklet {

    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

    public enum Mode { AWAIT, CHECK }

    /**
     * What a gate guards: the job ("close" or "expire"), its period ("2026-Q3", "2026"), the close run of a close,
     * its figures, and whether there is anything to approve at all.
     */
    public record Subject(String job, String period, Long closeRunId, Supplier<Figures> figures,
                          BooleanSupplier anythingToApprove) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApprovalGate.class);

    private final Mode mode;
    private final Subject subject;
    private final ApprovalPolicy policy;
    private final Approvals approvals;

    public ApprovalGate(Mode mode, Subject subject, ApprovalPolicy policy, Approvals approvals) {
        this.mode = mode;
        this.subject = subject;
        this.policy = policy;
        this.approvals = approvals;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long instance = job.getJobInstance().getId();
        var approval = approvals.forInstance(instance);
        if (mode == Mode.AWAIT) {
            if (approval.map(Approval::approved).orElse(false)
                    || approval.isEmpty() && (!policy.required() || !subject.anythingToApprove().getAsBoolean())) {
                return RepeatStatus.FINISHED;
            }
            Figures figures = subject.figures().get();
            String launchedBy = job.getJobParameters().getString(CloseJobParameters.LAUNCHED_BY);
            approvals.requested(subject.job(), subject.period(), subject.closeRunId(), instance, job.getId(),
                    launchedBy == null ? "unknown" : launchedBy, figures);
            log.info("{} {} stops for approval with nothing posted: totals {}, sha256 {}", subject.job(),
                    subject.period(), figures.totals(), figures.sha256());
            contribution.setExitStatus(new ExitStatus(AWAITING_APPROVAL, "the calculated figures of "
                    + subject.period() + " wait for approval; nothing is posted"));
            return RepeatStatus.FINISHED;
        }
        if (approval.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        Approval decided = approval.get();
        switch (decided.status()) {
            case PENDING -> throw new IllegalStateException("the " + what() + " has not been approved: nothing is"
                    + " posted before it is (approve --period " + subject.period() + " --by NAME)");
            case REJECTED -> throw new IllegalStateException("the " + what() + " was rejected by "
                    + decided.decidedBy() + ": nothing is posted");
            case APPROVED -> {
                Figures now = subject.figures().get();
                if (!now.sha256().equals(decided.figuresSha256())) {
                    throw new FiguresChangedException("the calculated figures of " + subject.period()
                            + " changed since they were approved by " + decided.decidedBy() + " on "
                            + decided.decidedAtText() + " (sha256 approved " + decided.figuresSha256() + ", now "
                            + now.sha256() + "): nothing is posted; reject it (reject --period " + subject.period()
                            + " --by NAME --reason TEXT) and run it again");
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    private String what() {
        return (subject.job().equals("close") ? "close of " : "year-end of ") + subject.period();
    }

    /** Figures that no longer hash to what was approved: posting them would post what nobody approved. */
    public static final class FiguresChangedException extends IllegalStateException {
        public FiguresChangedException(String message) {
            super(message);
        }
    }
}
