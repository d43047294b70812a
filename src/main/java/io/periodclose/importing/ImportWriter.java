package io.periodclose.importing;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

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
            store(checked, tally);
        }
        record(chunk.size(), tally);
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
