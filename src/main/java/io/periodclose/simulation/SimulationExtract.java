package io.periodclose.simulation;

import io.periodclose.program.BonusProgram;
import io.periodclose.rebate.TopPerformerPlaces;
import io.periodclose.turnover.TurnoverExtract;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * The figures one side of a simulation calculates from, into {@code simulation_turnover}: the close's own aggregate
 * ({@link TurnoverExtract#aggregate}) and top-performer ranking ({@link TopPerformerPlaces}) with that side's
 * programme, so a draft's promos, early-payment days and ranking rule are applied exactly as a close would.
 *
 * <p>The CURRENT side of a closed quarter is not calculated again: it is the close's own figures, copied from its
 * {@code rebate} rows with the rung each distributor reached, so "current" is what was posted, to the cent, even
 * when sales lines arrived after the close. Like the close's extract, it runs whole in one transaction after
 * removing what an earlier attempt left, so a restart runs it again.
 */
class SimulationExtract implements Tasklet {

    private final JdbcTemplate jdbc;
    private final Simulation simulation;
    private final Side side;
    private final Optional<BonusProgram> program;
    private final int parallelWorkers;

    SimulationExtract(JdbcTemplate jdbc, Simulation simulation, Side side, SimulationPrograms programs,
                      int parallelWorkers) {
        this.jdbc = jdbc;
        this.simulation = simulation;
        this.side = side;
        this.program = programs.of(side);
        this.parallelWorkers = parallelWorkers;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        jdbc.update("DELETE FROM simulation_turnover WHERE simulation_id = ? AND side = ?", simulation.id(),
                side.name());
        int rows;
        if (side == Side.CURRENT && simulation.closed()) {
            rows = copyTheClose();
        } else if (program.isPresent()) {
            rows = extract(program.get());
        } else {
            rows = 0; // an open quarter without a programme in force: nothing to compare with
        }
        contribution.getStepExecution().setReadCount(rows);
        contribution.incrementWriteCount(rows);
        return RepeatStatus.FINISHED;
    }

    private int extract(BonusProgram program) {
        TurnoverExtract.aggregate(jdbc, program, simulation.quarter(), parallelWorkers);
        int rows = jdbc.update("""
                INSERT INTO simulation_turnover (simulation_id, side, distributor_code, currency, tier, target_amount,
                                                 turnover, turnover_last_year, promo_turnover, early_paid,
                                                 growth_place, ranked_in_tier)
                SELECT ?, ?, code, currency, tier, target_amount, turnover, last_year, promo, early_paid,
                       growth_place, ranked_in_tier
                  FROM\s""" + TurnoverExtract.AGGREGATE, simulation.id(), side.name());
        jdbc.execute("DROP TABLE " + TurnoverExtract.AGGREGATE);
        return rows;
    }

    private int copyTheClose() {
        jdbc.update("DELETE FROM simulation_result WHERE simulation_id = ? AND side = ?", simulation.id(),
                side.name());
        return jdbc.update("""
                INSERT INTO simulation_result (simulation_id, side, distributor_code, currency, tier, turnover, base,
                                               attainment, growth, promo, early_payment, top_performer, uncapped,
                                               total, attainment_rung, growth_rung)
                SELECT ?, ?, r.distributor_code, r.currency, t.tier, r.turnover, r.base, r.attainment, r.growth,
                       r.promo, r.early_payment, r.top_performer, r.uncapped, r.total,
                       (SELECT (c ->> 'rungFrom')::numeric FROM json_array_elements(r.explanation -> 'components') c
                         WHERE c ->> 'kind' = 'ATTAINMENT' LIMIT 1),
                       (SELECT (c ->> 'rungFrom')::numeric FROM json_array_elements(r.explanation -> 'components') c
                         WHERE c ->> 'kind' = 'GROWTH' LIMIT 1)
                  FROM rebate r
                  JOIN turnover t ON t.close_run_id = r.close_run_id AND t.distributor_code = r.distributor_code
                 WHERE r.close_run_id = ?""", simulation.id(), side.name(), simulation.closeRunId());
    }
}
