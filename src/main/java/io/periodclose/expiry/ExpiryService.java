package io.periodclose.expiry;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.annual.YearEndProgram;
import io.periodclose.approval.Approval;
import io.periodclose.approval.Approvals;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.time.LocalDate;

/**
 * Checks that a year may expire (its Q4 closed, not expired yet) and runs the year-end job with the programme of
 * the year, whose annual rebate (SPEC §8.2) the job pays before the expiry.
 */
@Service
public class ExpiryService {

    private final PeriodRules rules;
    private final JobRuns jobRuns;
    private final Job expireJob;

    private final PeriodCloseProperties properties;
    private final ProgramLoader programLoader;
    private final YearEndProgram yearEndProgram;
    private final Approvals approvals;

    public ExpiryService(PeriodRules rules, JobRuns jobRuns, @Qualifier("expireJob") Job expireJob,
                         PeriodCloseProperties properties, ProgramLoader programLoader, YearEndProgram yearEndProgram,
                         Approvals approvals) {
        this.approvals = approvals;
        this.properties = properties;
        this.programLoader = programLoader;
        this.yearEndProgram = yearEndProgram;
        this.rules = rules;
        this.jobRuns = jobRuns;
        this.expireJob = expireJob;
    }

    public JobExecution expire(int year) {
        return expire(year, System.getProperty("user.name", "unknown"));
    }

    /** As {@link #expire(int)}, launched by {@code launchedBy} (who may not approve its annual rebate). */
    public JobExecution expire(int year, String name) {
        // approvers are compared with the launcher by name: "anna " must be anna
        String launchedBy = name.strip();
        return jobRuns.launch(expireJob, "the year-end expiry of " + year, () -> {
            String period = Integer.toString(year);
            approvals.latest(ExpiryJobConfiguration.JOB_NAME, period).filter(Approval::pending).ifPresent(a -> {
                throw new RefusedException("the year-end of " + year + " awaits approval (" + a.describe()
                        + "): approve --period " + year + " --by NAME, or reject --period " + year
                        + " --by NAME --reason TEXT");
            });
            rules.checkExpiry(year);
            LoadedProgram program = programLoader.load(properties.programs(), year);
            if (program.program().annual().isPresent()) {
                checkAnnualCreditDate(year);
            }
            String sha256 = yearEndProgram.store(program);
            JobParametersBuilder parameters = new JobParametersBuilder();
            // a rejected year-end was abandoned: the year runs again as a new job instance, one per rejection
            int rejected = approvals.rejected(ExpiryJobConfiguration.JOB_NAME, period);
            if (rejected > 0) {
                parameters.addLong(CloseJobParameters.ATTEMPT, (long) rejected);
            }
            return parameters
                .addLong(CloseJobParameters.YEAR, (long) year)
                .addString(CloseJobParameters.PERIOD, period)
                .addLocalDate(CloseJobParameters.BUSINESS_DATE, LocalDate.now(), false)
                .addString(CloseJobParameters.OUT, properties.out().toAbsolutePath().normalize().toString(), false)
                .addString(CloseJobParameters.LANGUAGE, properties.statementLanguage(), false)
                .addString(YearEndProgram.PARAMETER, sha256, false)
                .addString(CloseJobParameters.LAUNCHED_BY, launchedBy, false)
                .toJobParameters();
        });
    }

    /**
     * The annual rebate is credited on 1 January of the next year. When that quarter is closed already, the posting
     * would land inside a closed quarter, which SPEC §5 forbids; refusing up front beats failing after the
     * calculation (and a back-dated credit would change a settled statement). The remedy is the operator's.
     */
    private void checkAnnualCreditDate(int year) {
        Quarter q1 = new Quarter(year + 1, 1);
        if (rules.isClosed(q1)) {
            throw new RefusedException("the annual rebate of " + year + " is credited on " + q1.firstDay() + ", inside "
                    + q1 + ", which is already closed; the year-end job of " + year + " must run before " + q1
                    + " is closed (or remove the annual section from the programme of " + year + ")");
        }
    }
}
