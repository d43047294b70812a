package io.periodclose.importing;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores one chunk of checked rows together with its rejects and its counts, all in the chunk's transaction:
 * a failed chunk leaves nothing behind and a restarted one counts nothing twice.
 */
abstract class ImportWriter implements ItemWriter<ImportItem> {

    protected final JdbcTemplate jdbc;
    protected final long importId;

    ImportWriter(JdbcTemplate jdbc, long importId) {
        this.jdbc = jdbc;
        this.importId = importId;
    }

    @Override
    public void write(Chunk<? extends ImportItem> chunk) throws Exception {
        Tally tally = new Tally();
        List<ImportItem> checked = new ArrayList<>(chunk.size());
        for (ImportItem item : chunk) {
            if (item.isRejected()) {
                tally.reject(item.row(), item.rejection());
            } else {
                checked.add(item);
            }
        }
        if (!checked.isEmpty()) {
            storeOrRejectRefused(checked, tally);
        }
        record(chunk.size(), tally);
    }

    /**
     * Stores the chunk's checked rows; if the database refuses one of them for its data (a value out of range, too
     * long, a broken constraint: SQL states 22 and 23), stores them one at a time and rejects alone each row the
     * database refuses, with its reason. The row checks should leave nothing for this to catch; it makes sure that a
     * row they have not foreseen is one reject, not a failed import that a restart would fail again. Any other
     * failure (connection lost, disk full) still fails the chunk, to be restarted.
     */
    private void storeOrRejectRefused(List<ImportItem> rows, Tally tally) throws Exception {
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (tryStore(connection, rows, tally) == null) {
                return;
            }
            for (ImportItem item : rows) {
                SQLException refused = tryStore(connection, List.of(item), tally);
                if (refused != null) {
                    String message = refused.getMessage() == null ? refused.getSQLState() : refused.getMessage();
                    tally.reject(item.row(), "the database refused the row: " + message.lines().findFirst().orElse(""));
                }
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Stores rows inside a savepoint; {@code null} once stored, or the database's refusal of their data. */
    private SQLException tryStore(Connection connection, List<ImportItem> rows, Tally tally) throws Exception {
        Savepoint savepoint = connection.setSavepoint();
        Tally attempt = new Tally();
        try {
            store(rows, attempt);
        } catch (Exception e) {
            SQLException refused = refusedData(e);
            if (refused == null) {
                throw e;
            }
            connection.rollback(savepoint);
            return refused;
        }
        connection.releaseSavepoint(savepoint);
        tally.add(attempt);
        return null;
    }

    private static SQLException refusedData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return sql;
            }
        }
        return null;
    }

    /** Stores checked rows in file order, telling the tally what became of each. */
    protected abstract void store(List<ImportItem> rows, Tally tally) throws Exception;

    private void record(int read, Tally tally) {
        long rejected = tally.rejections().size();
        if (tally.acceptedCount() + tally.unchangedCount() + rejected != read) {
            throw new IllegalStateException("import " + importId + ": counts of a chunk do not add up: read " + read
                    + ", accepted " + tally.acceptedCount() + ", unchanged " + tally.unchangedCount()
                    + ", rejected " + rejected);
        }
        if (rejected > 0) {
            jdbc.batchUpdate("INSERT INTO import_reject (import_id, line_no, reason, record) VALUES (?, ?, ?, ?)",
                    tally.rejections(), 1000, (ps, r) -> {
                        ps.setLong(1, importId);
                        ps.setLong(2, r.line());
                        ps.setString(3, r.reason());
                        ps.setString(4, r.record());
                    });
        }
        jdbc.update("""
                UPDATE import_run SET read_count = read_count + ?, accepted_count = accepted_count + ?,
                       rejected_count = rejected_count + ?, unchanged_count = unchanged_count + ?
                 WHERE id = ?""", read, tally.acceptedCount(), rejected, tally.unchangedCount(), importId);
    }
}
