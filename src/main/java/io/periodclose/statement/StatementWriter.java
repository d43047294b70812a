package io.periodclose.statement;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk's PDFs, then records them in {@code statement} in the chunk's transaction. Should the transaction
 * fail after the files were written, the rows roll back and a restart writes those files again, atomically.
 */
class StatementWriter implements ItemWriter<RenderedStatement> {

    private final JdbcTemplate jdbc;
    private final Path directory;
    private final String period;
    private final int version;
    private final long jobExecutionId;

    StatementWriter(JdbcTemplate jdbc, Path directory, String period, int version, long jobExecutionId) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.period = period;
        this.version = version;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends RenderedStatement> chunk) {
        List<Object[]> rows = new ArrayList<>();
        for (RenderedStatement statement : chunk) {
            String sha256 = null;
            if (statement.pdf() != null) {
                sha256 = StatementFiles.write(StatementFiles.file(directory, statement.fileName()), statement.pdf());
            }
            rows.add(new Object[]{period, statement.distributor(), version,
                    statement.pdf() == null ? null : statement.fileName(), sha256, statement.closingBalance(),
                    statement.currency(), statement.problem(), jobExecutionId});
        }
        jdbc.batchUpdate("""
                INSERT INTO statement (period, distributor_code, version, file, sha256, closing_balance, currency,
                                       problem, job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
}
