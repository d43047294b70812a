package io.periodclose.period;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Closes the quarter for posting once its ledger steps are done, and points its closed state at this run: the
 * first close creates the row, a re-close moves {@code last_run_id} to itself and keeps the close's time and
 * business date.
 */
public class MarkQuarterClosed implements Tasklet {

    private final JdbcTemplate jdbc;
    private final CloseRun run;

    public MarkQuarterClosed(JdbcTemplate jdbc, CloseRun run) {
        this.jdbc = jdbc;
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("""
                INSERT INTO period_close (period, closed_at, business_date, last_run_id)
                VALUES (?, now(), ?, ?)
                ON CONFLICT (period) DO UPDATE SET last_run_id = EXCLUDED.last_run_id""",
                run.quarter().toString(), run.businessDate(), run.id());
        return RepeatStatus.FINISHED;
    }
}
