package io.periodclose.rebate;

import io.periodclose.database.CopyBinary;
import io.periodclose.period.CloseRun;
import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.core.JsonGenerator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stores a chunk of a close run's calculations in {@code rebate}, each with its explanation, as one binary
 * {@code COPY} on the chunk's transaction, sent in segments as they are encoded: the server parses no numbers, stores
 * the first rows while the last are being encoded, and the chunk never sits in memory as one large array. A failed
 * chunk rolls back with its transaction, so a restarted partition writes it again from its first row.
 */
public class RebateWriter implements ItemWriter<RebateCalculation> {

    private static final String COPY = """
            COPY rebate (close_run_id, distributor_code, currency, turnover, target_amount, base, attainment, growth,
                         promo, early_payment, top_performer, uncapped, cap_amount, cap_applied, total, explanation)
              FROM STDIN (FORMAT binary)""";
    private static final int FIELDS = 16;
    /** About what one row takes at most, its explanation included, so that the buffer rarely grows. */
    private static final int BYTES_PER_ROW = 2048;

    private final DataSource dataSource;
    private final CloseRun run;

    public RebateWriter(DataSource dataSource, CloseRun run) {
        this.dataSource = dataSource;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends RebateCalculation> chunk) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyBinary rows = new CopyBinary(CopyBinary.SEGMENT_BYTES + BYTES_PER_ROW);
            try (JsonGenerator explanations = RebateExplanation.generator(rows.stream())) {
                rows.copy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY), chunk,
                        (CopyBinary r, RebateCalculation c) -> writeRow(r, explanations, c));
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void writeRow(CopyBinary rows, JsonGenerator explanations, RebateCalculation c) {
        TurnoverFigures figures = c.figures();
        rows.fieldCount(FIELDS)
                .int8(run.id())
                .text(figures.distributorCode())
                .text(figures.currency())
                .numeric(figures.turnover())
                .numericOrNull(figures.target())
                .numeric(c.sum(RebateComponent.Kind.BASE))
                .numeric(c.sum(RebateComponent.Kind.ATTAINMENT))
                .numeric(c.sum(RebateComponent.Kind.GROWTH))
                .numeric(c.sum(RebateComponent.Kind.PROMO))
                .numeric(c.sum(RebateComponent.Kind.EARLY_PAYMENT))
                .numeric(c.sum(RebateComponent.Kind.TOP_PERFORMER))
                .numeric(c.uncapped())
                .numeric(c.capAmount())
                .bool(c.capApplied())
                .numeric(c.total());
        // a json column's binary form is its text, written straight into the rows
        int explanation = rows.beginField();
        RebateExplanation.write(explanations, c);
        rows.endField(explanation);
    }
}
