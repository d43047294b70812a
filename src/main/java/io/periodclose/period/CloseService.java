package io.periodclose.period;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.ops.JobRuns;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
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

    public CloseService(PeriodRules rules, CloseRuns closeRuns, ProgramLoader programLoader,
                        PeriodCloseProperties properties, JobRuns jobRuns, @Qualifier("closeJob") Job closeJob) {
        this.rules = rules;
        this.closeRuns = closeRuns;
        this.programLoader = programLoader;
        this.properties = properties;
        this.jobRuns = jobRuns;
        this.closeJob = closeJob;
    }

    /**
     * Closes a quarter ({@code reclose} false) or re-closes it with {@code asOf} as the business date of its
     * adjustments. A close whose earlier attempt failed is restarted from where it failed, not run again.
     */
    public JobExecution close(Quarter quarter, LocalDate asOf, boolean reclose) {
        // rules, close run and job execution are decided one launch at a time: a second close of the quarter
        // launched at the same moment sees this one running and is refused
        return jobRuns.launch(closeJob, (reclose ? "the re-close of " : "the close of ") + quarter,
                () -> decide(quarter, asOf, reclose));
    }

    private JobParameters decide(Quarter quarter, LocalDate asOf, boolean reclose) {
        if (reclose) {
            rules.checkReclose(quarter, asOf);
        } else {
            rules.checkClose(quarter, asOf);
        }
        int sequence = reclose ? closeRuns.nextSequence(quarter) : 0;
        Optional<CloseRun> unfinished = reclose ? unfinishedReclose(quarter) : closeRuns.find(quarter, 0);
        CloseRun run;
        if (unfinished.isPresent()) {
            run = unfinished.get();
            if (reclose && !run.businessDate().equals(asOf)) {
                throw new RefusedException("the " + (reclose ? "re-close" : "close") + " of " + quarter + " started on "
                        + run.businessDate() + " did not finish; restart it (it keeps its business date) or abandon it"
                        + " first: period-close jobs list");
            }
        } else {
            LoadedProgram program = programLoader.load(properties.programs(), quarter.year());
            run = closeRuns.create(quarter, sequence, asOf, program);
        }
        return new JobParametersBuilder()
                .addString("period", quarter.toString())
                .addLong("sequence", (long) run.sequence())
                .addLong("close.run", run.id(), false)
                .addLocalDate("business.date", run.businessDate(), false)
                .addString("out", properties.out().toAbsolutePath().normalize().toString(), false)
                .addString("language", properties.statementLanguage(), false)
                .toJobParameters();
    }

    /** A re-close that was started but never completed: the quarter still points at an earlier run. */
    private Optional<CloseRun> unfinishedReclose(Quarter quarter) {
        int latest = closeRuns.nextSequence(quarter) - 1;
        Optional<CloseRun> completed = closeRuns.latestCompleted(quarter);
        if (latest > 0 && completed.map(run -> run.sequence() < latest).orElse(false)) {
            return closeRuns.find(quarter, latest);
        }
        return Optional.empty();
    }
}
