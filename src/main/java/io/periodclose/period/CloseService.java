package io.periodclose.period;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.approval.Approval;
import io.periodclose.approval.Approvals;
import io.periodclose.ops.JobRuns;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Checks the period rules and launches the close job for a quarter, or a re-close of it. */
@Service
public class CloseService {

    private final PeriodRules rules;
    private final CloseRuns closeRuns;
    private final ProgramLoader programLoader;
    private final PeriodCloseProperties properties;
    private final JobRuns jobRuns;
    private final Job closeJob;
    private final JobRepository jobRepository;
    private final Approvals approvals;

    public CloseService(PeriodRules rules, CloseRuns closeRuns, ProgramLoader programLoader,
                        PeriodCloseProperties properties, JobRuns jobRuns, @Qualifier("closeJob") Job closeJob,
                        JobRepository jobRepository, Approvals approvals) {
        this.jobRepository = jobRepository;
        this.approvals = approvals;
        this.rules = rules;
        this.closeRuns = closeRuns;
        this.programLoader = programLoader;
        this.properties = properties;
        this.jobRuns = jobRuns;
        this.closeJob = closeJob;
    }

    /**
     * Closes a quarter ({@code reclose} false) or re-closes it with {@code asOf} as the business date of its
     * adjustments. A close whose earlier attempt failed is restarted from where it failed, not run again: also one
     * that failed after it marked the quarter closed (in its statements), which a plain {@code close} resumes.
     */
    public JobExecution close(Quarter quarter, LocalDate asOf, boolean reclose) {
        return close(quarter, asOf, reclose, System.getProperty("user.name", "unknown"));
    }

    /** As {@link #close(Quarter, LocalDate, boolean)}, launched by {@code launchedBy} (who may not approve it). */
    public JobExecution close(Quarter quarter, LocalDate asOf, boolean reclose, String name) {
        // approvers are compared with the launcher by name: "anna " must be anna
        String launchedBy = name.strip();
        // rules, close run and job execution are decided one launch at a time: a second close of the quarter
        // launched at the same moment sees this one running and is refused
        return jobRuns.launch(closeJob, (reclose ? "the re-close of " : "the close of ") + quarter,
                () -> decide(quarter, asOf, reclose, launchedBy));
    }

    private JobParameters decide(Quarter quarter, LocalDate asOf, boolean reclose, String launchedBy) {
        Optional<CloseRun> unfinished = closeRuns.latest(quarter).filter(run -> !finished(run));
        CloseRun run;
        if (unfinished.isPresent()) {
            run = unfinished.get();
            checkRestart(run, asOf, reclose);
        } else {
            if (reclose) {
                rules.checkReclose(quarter, asOf);
            } else {
                rules.checkClose(quarter, asOf);
            }
            LoadedProgram program = programLoader.load(properties.programs(), quarter.year());
            // the next sequence: 0 for a first close, and past any close run that was rejected (SPEC §9); a re-close
            // is numbered from 1 also in a quarter that counts as closed without a close of its own
            int sequence = Math.max(closeRuns.nextSequence(quarter), reclose ? 1 : 0);
            run = closeRuns.create(quarter, sequence, reclose, asOf, program);
        }
        return new JobParametersBuilder()
                .addString(CloseJobParameters.PERIOD, quarter.toString())
                .addLong(CloseJobParameters.SEQUENCE, (long) run.sequence())
                .addLong(CloseJobParameters.CLOSE_RUN, run.id(), false)
                .addLocalDate(CloseJobParameters.BUSINESS_DATE, run.businessDate(), false)
                .addString(CloseJobParameters.OUT, properties.out().toAbsolutePath().normalize().toString(), false)
                .addString(CloseJobParameters.LANGUAGE, properties.statementLanguage(), false)
                .addString(CloseJobParameters.LAUNCHED_BY, launchedBy, false)
                .toJobParameters();
    }

    /**
     * The rules for taking up a run that did not finish. Once the run has marked the quarter closed, its ledger
     * steps are done and only its statements remain: a plain {@code close} resumes it (the quarter is closed for
     * posting, but not finished). Before that, a close is checked like a new one; a re-close keeps its business
     * date, and neither may touch a year that has been locked since.
     */
    private void checkRestart(CloseRun run, LocalDate asOf, boolean reclose) {
        Quarter quarter = run.quarter();
        boolean markedClosed = closeRuns.latestCompleted(quarter).map(last -> last.id() == run.id()).orElse(false);
        String what = run.isReclose() ? "re-close" : "close";
        approvals.forCloseRun(run.id()).filter(Approval::pending).ifPresent(approval -> {
            throw new RefusedException("the " + what + " of " + quarter + " awaits approval (" + approval.describe()
                    + "): approve --period " + quarter + " --by NAME, or reject --period " + quarter
                    + " --by NAME --reason TEXT");
        });
        if (reclose && !run.isReclose()) {
            throw new RefusedException("the close of " + quarter + " did not finish (its statements are missing);"
                    + " finish it first: close --period " + quarter);
        }
        if (reclose && !run.businessDate().equals(asOf)) {
            throw new RefusedException("the " + what + " of " + quarter + " started on " + run.businessDate()
                    + " did not finish; restart it (it keeps its business date) or abandon it first:"
                    + " period-close jobs list");
        }
        if (!run.isReclose() && !markedClosed) {
            rules.checkClose(quarter, asOf);
        } else if (run.isReclose() && !markedClosed) {
            rules.checkRecloseYear(quarter);
        }
    }

    /**
     * Whether a run has come to its end: its job instance has a completed execution, or it was rejected. A run
     * without any execution counts as finished only when the quarter's closed state points at it.
     */
    private boolean finished(CloseRun run) {
        if (approvals.forCloseRun(run.id()).map(a -> a.status() == Approval.Status.REJECTED).orElse(false)) {
            return true; // rejected: abandoned, and its quarter free for a new close
        }
        JobParameters identifying = new JobParametersBuilder()
                .addString(CloseJobParameters.PERIOD, run.quarter().toString())
                .addLong(CloseJobParameters.SEQUENCE, (long) run.sequence())
                .toJobParameters();
        JobInstance instance = jobRepository.getJobInstance(CloseJobConfiguration.JOB_NAME, identifying);
        if (instance == null) {
            return closeRuns.latestCompleted(run.quarter()).map(last -> last.id() == run.id()).orElse(false);
        }
        return jobRepository.getJobExecutions(instance).stream()
                .anyMatch(execution -> execution.getStatus() == BatchStatus.COMPLETED);
    }
}
