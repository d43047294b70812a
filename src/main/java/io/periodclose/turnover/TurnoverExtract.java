package io.periodclose.turnover;

import io.periodclose.period.CloseRun;
import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.rebate.TopPerformerPlaces;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills {@code turnover} for a close run with {@link TurnoverQuery}, entirely inside PostgreSQL: the rows never
 * travel to the JVM and back. Everything runs in the step's one transaction, after removing what an earlier attempt
 * of the same run may have left, so a restart runs it again whole (the aggregate is one pass over the sales lines
 * either way, and a cursor restarted mid-way would run it again too). The top performers of each tier are ranked in
 * the same transaction, on the aggregate before it is stored ({@link TopPerformerPlaces}), so each place is written
 * with its row: the one computation that needs every distributor at once.
 *
 * <p>The aggregate goes into a temporary table first because {@code CREATE TABLE … AS} may use parallel workers
 * where {@code INSERT … SELECT} may not, and a cursor read in fetches may not either; with enough
 * {@link AggregateMemory} for one group per distributor, the aggregate stays in memory. It runs without
 * PostgreSQL's JIT and with at most {@code period-close.extract-parallel-workers} workers beside the leader (one
 * unless configured; never more than the server's {@code max_parallel_workers_per_gather}): each parallel
 * process builds its own hash table of every distributor's sums, so on two cores the server's default of two
 * workers spent 3.3 core-seconds where one process spends 1.7, and each process compiled the query's expressions
 * again (bench/CLOSE.md).
 */
public class TurnoverExtract implements Tasklet {

    /** The temporary table {@link #aggregate} fills. */
    public static final String AGGREGATE = "turnover_extract";

    private final JdbcTemplate jdbc;
    private final CloseRun run;
    private final BonusProgram program;
    private final int parallelWorkers;

    public TurnoverExtract(JdbcTemplate jdbc, CloseRun run, BonusProgram program, int parallelWorkers) {
        this.jdbc = jdbc;
        this.run = run;
        this.program = program;
        this.parallelWorkers = parallelWorkers;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM turnover WHERE close_run_id = ?", run.id());
        aggregate(jdbc, program, run.quarter(), parallelWorkers);
        int rows = jdbc.update("""
                INSERT INTO turnover (close_run_id, distributor_code, currency, tier, target_amount, turnover,
                                      turnover_last_year, promo_turnover, early_paid, growth_place, ranked_in_tier)
                SELECT ?, code, currency, tier, target_amount, turnover, last_year, promo, early_paid, growth_place,
                       ranked_in_tier
                  FROM turnover_extract""", run.id());
        contribution.getStepExecution().setReadCount(rows);
        contribution.incrementWriteCount(rows);
        return RepeatStatus.FINISHED;
    }

    /**
     * Fills the temporary table {@value #AGGREGATE} (dropped at commit) with {@link TurnoverQuery}'s figures of
     * {@code program} for {@code quarter}: code, currency, tier, target_amount, turnover, last_year, promo,
     * early_paid, and the top performers' growth_place and ranked_in_tier ({@link TopPerformerPlaces}; null when the
     * programme has no such rule or the distributor does not rank). The close, the simulation (SPEC §9) and the
     * portal's estimate all aggregate and rank here, so they cannot disagree on a figure or a place.
     * Must run inside a transaction; a caller that aggregates twice in one transaction drops the table in between.
     * {@code parallelWorkers}: at most this many parallel workers beside the leader ({@code 0}: none), never more
     * than the server allows; the settings last until the transaction ends.
     */
    public static void aggregate(JdbcTemplate jdbc, BonusProgram program, Quarter quarter, int parallelWorkers) {
        TurnoverQuery query = TurnoverQuery.of(program, quarter);
        long distributors = jdbc.queryForObject("SELECT count(*) FROM distributor", Long.class);
        long serverKb = jdbc.queryForObject("SELECT setting::bigint FROM pg_settings WHERE name = 'work_mem'",
                Long.class);
        jdbc.execute("SET LOCAL work_mem = '" + AggregateMemory.workMemKb(distributors, serverKb) + "kB'");
        jdbc.queryForObject("SELECT set_config('max_parallel_workers_per_gather',"
                + " least(current_setting('max_parallel_workers_per_gather')::int, ?)::text, true)", String.class,
                Math.max(0, parallelWorkers));
        jdbc.execute("SET LOCAL jit = off");
        jdbc.update("CREATE TEMP TABLE " + AGGREGATE + " ON COMMIT DROP AS SELECT figures.*,"
                + " NULL::int AS growth_place, NULL::int AS ranked_in_tier FROM (" + query.sql() + ") figures",
                query.arguments());
        program.topPerformers().ifPresent(rule -> new TopPerformerPlaces(jdbc).rankAggregate(AGGREGATE, rule));
    }
}
