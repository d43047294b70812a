package io.periodclose.period;

import io.periodclose.ops.RestartRule;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

/**
 * A re-close restarted by id after its year was locked by the year-end would credit last year's bonus into the
 * next year's fund: refused, as a new re-close of that quarter is.
 */
@Component
class CloseRestartRule implements RestartRule {

    private final PeriodRules rules;

    CloseRestartRule(PeriodRules rules) {
        this.rules = rules;
    }

    @Override
    public void checkRestart(JobExecution execution) {
        if (!CloseJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
            return;
        }
        JobParameters parameters = execution.getJobParameters();
        Long sequence = parameters.getLong(CloseJobParameters.SEQUENCE);
        String period = parameters.getString(CloseJobParameters.PERIOD);
        if (sequence != null && sequence > 0 && period != null) {
            rules.checkRecloseYear(Quarter.parse(period));
        }
    }
}
