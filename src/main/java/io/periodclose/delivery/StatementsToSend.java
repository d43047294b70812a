package io.periodclose.delivery;

import io.periodclose.delivery.DeliveryRuns.DeliveryRun;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;

/**
 * What a send delivers: the latest statement of P of each distributor (of the one distributor, for a Resend), to the
 * address the master data holds now. A send leaves out a statement (this version with this content) that was sent,
 * is in doubt, or was refused at the same address: it went, or may have, or would be refused again. A statement
 * refused at an address since corrected goes to the new one. When an earlier statement of P reached the distributor,
 * a later one is a correction. A Resend sends the latest statement whatever was sent before.
 *
 * <p>The reader keeps no position ({@code saveState(false)}): a restarted send asks again, and what the failed
 * execution delivered is no longer among the answers.
 */
final class StatementsToSend {

    private static final String LATEST = """
            SELECT s.period, s.distributor_code, d.name, d.email, s.version, s.file, s.sha256,
                   EXISTS (SELECT 1 FROM delivery e
                            WHERE e.period = s.period AND e.distributor_code = s.distributor_code
                              AND e.status IN ('SENT', 'SENDING')
                              AND (e.statement_version <> s.version OR e.statement_sha256 <> s.sha256)) AS earlier
              FROM (SELECT DISTINCT ON (distributor_code) period, distributor_code, version, file, sha256
                      FROM statement WHERE period = ? ORDER BY distributor_code, version DESC) s
              JOIN distributor d ON d.code = s.distributor_code
             WHERE s.file IS NOT NULL
            """;

    static final String TO_SEND = LATEST + """
               AND NOT EXISTS (SELECT 1 FROM delivery x
                                WHERE x.period = s.period AND x.distributor_code = s.distributor_code
                                  AND x.statement_version = s.version AND x.statement_sha256 = s.sha256
                                  AND (x.status IN ('SENT', 'SENDING')
                                       OR (x.status = 'FAILED' AND x.address = d.email)))
             ORDER BY s.distributor_code COLLATE "C"
            """;

    static final String TO_RESEND = LATEST + " AND s.distributor_code = ?";

    private StatementsToSend() {
    }

    static JdbcCursorItemReader<StatementToSend> reader(DeliveryRun run, DataSource dataSource) {
        JdbcCursorItemReaderBuilder<StatementToSend> builder = new JdbcCursorItemReaderBuilder<StatementToSend>()
                .name("statementsToSend")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .saveState(false)
                .rowMapper(mapper(run.resend()));
        return run.resend()
                ? builder.sql(TO_RESEND).queryArguments(run.period(), run.distributor()).build()
                : builder.sql(TO_SEND).queryArguments(run.period()).build();
    }

    private static RowMapper<StatementToSend> mapper(boolean resend) {
        return (rs, n) -> new StatementToSend(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getString(7), resend ? StatementToSend.Kind.RESEND
                : rs.getBoolean(8) ? StatementToSend.Kind.CORRECTION : StatementToSend.Kind.STATEMENT);
    }
}
