package io.periodclose.expiry;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.PeriodRules;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.time.LocalDate;

/** Checks that a year may expire (its Q4 closed, not expired yet) and runs the year-end job. */
@Service
public class ExpiryService {

    private final PeriodRules rules;
    private final JobRuns jobRuns;
    private final Job expireJob;

    private final PeriodCloseProperties properties;

    public ExpiryService(PeriodRules rules, JobRuns jobRuns, @Qualifier("expireJob") Job expireJob,
                         PeriodCloseProperties properties) {
        this.properties = properties;
        this.rules = rules;
        this.jobRuns = jobRuns;
        this.expireJob = expireJob;
    }

    public JobExecution expire(int year) {
        return jobRuns.launch(expireJob, "the year-end expiry of " + year, () -> {
            rules.checkExpiry(year);
            return new JobParametersBuilder()
                .addLong(CloseJobParameters.YEAR, (long) year)
                .addString(CloseJobParameters.PERIOD, Integer.toString(year))
                .addLocalDate(CloseJobParameters.BUSINESS_DATE, LocalDate.now(), false)
                .addString(CloseJobParameters.OUT, properties.out().toAbsolutePath().normalize().toString(), false)
                .addString(CloseJobParameters.LANGUAGE, properties.statementLanguage(), false)
                .toJobParameters();
        });
    }
}
