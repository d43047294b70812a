package io.periodclose.expiry;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Locks the year once its balances have lapsed: from then on nothing can be posted effective on or before its
 * last day. Locking a locked year again (a restart) leaves the first lock.
 */
public class LockYear implements Tasklet {

    private final JdbcTemplate jdbc;
    private final int year;

    public LockYear(JdbcTemplate jdbc, int year) {
        this.jdbc = jdbc;
        this.year = year;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("INSERT INTO year_lock (year, job_execution_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                year, contribution.getStepExecution().getJobExecutionId());
        return RepeatStatus.FINISHED;
    }
}
