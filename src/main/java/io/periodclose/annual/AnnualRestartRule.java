package io.periodclose.annual;

import io.periodclose.RefusedException;
import io.periodclose.expiry.ExpiryJobConfiguration;
import io.periodclose.ops.RestartRule;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A year-end job restarted by id after Q1 of the next year was closed meanwhile would post annual rebates into that
 * closed quarter and fail half-way: refused up front, as its launch is, while annual rebates remain to be posted.
 * Once they are all posted, the restart only expires and locks, which a closed Q1 does not concern.
 */
@Component
class AnnualRestartRule implements RestartRule {

    private final PeriodRules rules;
    private final YearEndProgram programs;
    private final JdbcTemplate jdbc;

    AnnualRestartRule(PeriodRules rules, YearEndProgram programs, JdbcTemplate jdbc) {
        this.rules = rules;
        this.programs = programs;
        this.jdbc = jdbc;
    }

    @Override
    public void checkRestart(JobExecution execution) {
        if (!ExpiryJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
            return;
        }
        Long year = execution.getJobParameters().getLong(CloseJobParameters.YEAR);
        String sha256 = execution.getJobParameters().getString(YearEndProgram.PARAMETER);
        if (year == null || sha256 == null) {
            return;
        }
        Quarter q1 = new Quarter(year.intValue() + 1, 1);
        if (!rules.isClosed(q1) || programs.annual(sha256, year.intValue()).rule().isEmpty()) {
            return;
        }
        if (Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM annual_rebate WHERE year = ?) < (SELECT count(*) FROM distributor)
                    OR EXISTS (SELECT 1 FROM annual_rebate a
                                WHERE a.year = ? AND a.total > 0
                                  AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.idempotency_key
                                                   = 'ANNUAL:' || a.distributor_code || ':' || a.year))""",
                Boolean.class, year.intValue(), year.intValue()))) {
            throw new RefusedException("execution " + execution.getId() + " cannot be restarted: the annual rebate of "
                    + year + " is credited on " + q1.firstDay() + ", inside " + q1 + ", which has been closed since");
        }
    }
}
