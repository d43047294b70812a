package io.periodclose.simulation;

import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateCalculation;
import io.periodclose.rebate.RebateComponent;
import io.periodclose.rebate.RebateComponent.Kind;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a chunk of one side's calculations in {@code simulation_result} on the chunk's transaction, with the
 * attainment and growth rung each distributor reached (the rung counts and the cost per rung read them).
 */
class SimulationResultWriter implements ItemWriter<RebateCalculation> {

    private final JdbcTemplate jdbc;
    private final long simulationId;
    private final Side side;

    SimulationResultWriter(JdbcTemplate jdbc, long simulationId, Side side) {
        this.jdbc = jdbc;
        this.simulationId = simulationId;
        this.side = side;
    }

    @Override
    public void write(Chunk<? extends RebateCalculation> chunk) {
        List<Object[]> rows = new ArrayList<>(chunk.size());
        for (RebateCalculation c : chunk) {
            rows.add(new Object[] {simulationId, side.name(), c.figures().distributorCode(), c.figures().currency(),
                    c.figures().tier(), c.figures().turnover(), c.sum(Kind.BASE), c.sum(Kind.ATTAINMENT),
                    c.sum(Kind.GROWTH), c.sum(Kind.PROMO), c.sum(Kind.EARLY_PAYMENT), c.sum(Kind.TOP_PERFORMER),
                    c.uncapped(), c.total(), rungFrom(c, Kind.ATTAINMENT), rungFrom(c, Kind.GROWTH)});
        }
        jdbc.batchUpdate("""
                INSERT INTO simulation_result (simulation_id, side, distributor_code, currency, tier, turnover, base,
                                               attainment, growth, promo, early_payment, top_performer, uncapped,
                                               total, attainment_rung, growth_rung)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private static BigDecimal rungFrom(RebateCalculation calculation, Kind kind) {
        return calculation.components().stream().filter(c -> c.kind() == kind).map(RebateComponent::rung)
                .filter(java.util.Objects::nonNull).map(Rung::from).findFirst().orElse(null);
    }
}
