package io.periodclose.importing;

import io.periodclose.importing.RowParsers.SalesLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SPEC §2: an invoice's due date is the same on every line of the document, since the early-payment rebate (§8.3)
 * reads one due date per invoice. A document's due date is the one of its lines imported before (by an earlier
 * file: the first of them by line number), else the one its first line in this file gives; a new line that gives
 * another one, empty included, is rejected naming both dates. A line whose key is already stored or earlier in the
 * file is left to the writer's unchanged/conflict comparison, so that a changed due date there reads as the
 * conflict it is.
 *
 * <p>Runs on the import's read-ahead thread, a block of lines at a time, a query or two per block for its
 * documents ({@link #storedAmong}): the step's thread, which the database waits for, no longer pays for it. The
 * documents of lines it has passed but the step has not committed yet are kept in memory; once their chunk is
 * committed ({@link #committedThrough}) the database answers for them. What is kept is therefore bounded by the
 * read-ahead, whatever the size of the file, except that a document whose lines keep coming stays (its line numbers
 * a bit each). Whether a line was judged from memory or from the database, the verdict and its wording are the
 * same, so a restarted import rejects exactly what an uninterrupted one does.
 */
final class DocumentDueDates {

    private static final class Document {
        LocalDate dueDate;
        /** Where the due date was given; {@code null} until a line has given it. */
        String where;
        /** Which line gave it: an earlier import's before any of this file's; then the lowest line number. */
        boolean ofThisFile;
        long whereOrder = Long.MAX_VALUE;
        final LineNumbers lines = new LineNumbers();
        /** The last line of this file this document gained; 0 if none since it was loaded. */
        long lastLine;

        void given(LocalDate dueDate, String where, boolean ofThisFile, long order) {
            if (this.where == null || (this.ofThisFile && !ofThisFile)
                    || (this.ofThisFile == ofThisFile && order < whereOrder)) {
                this.dueDate = dueDate;
                this.where = where;
                this.ofThisFile = ofThisFile;
                this.whereOrder = order;
            }
        }
    }

    /**
     * A document's line numbers: a bit each for the usual 1, 2, 3…, so that an invoice of a million lines, which stays
     * in memory while its lines keep coming, holds 125 KB rather than a million boxed numbers.
     */
    private static final class LineNumbers {

        private static final int DENSE_BELOW = 1 << 20;

        private final BitSet dense = new BitSet(8);
        private Set<Integer> sparse;

        /** Whether {@code number} was new. */
        boolean add(int number) {
            if (number >= 0 && number < DENSE_BELOW) {
                boolean added = !dense.get(number);
                dense.set(number);
                return added;
            }
            if (sparse == null) {
                sparse = new HashSet<>();
            }
            return sparse.add(number);
        }

        void remove(int number) {
            if (number >= 0 && number < DENSE_BELOW) {
                dense.clear(number);
            } else if (sparse != null) {
                sparse.remove(number);
            }
        }
    }

    private final JdbcTemplate jdbc;
    /** Outside the chunk's transaction, on a connection of the read-ahead thread's own. */
    private final TransactionTemplate lookups;
    private final long importId;
    /** The documents of lines passed but perhaps not committed yet, and those the current block loaded. */
    private final Map<String, Document> held = new HashMap<>();
    private volatile long committedThrough;
    private long evictedThrough;

    DocumentDueDates(JdbcTemplate jdbc, long importId) {
        this.jdbc = jdbc;
        this.lookups = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.lookups.setReadOnly(true);
        this.importId = importId;
    }

    /** Called once the chunk ending at file line {@code line} is committed: its lines are now the database's. */
    void committedThrough(long line) {
        committedThrough = line;
    }

    /** The block with each line that would give its document a second due date turned into a reject. */
    List<ImportItem> check(List<ImportItem> block) {
        long committed = committedThrough; // read before the query: what it cannot see is still held
        Set<String> unknown = new LinkedHashSet<>();
        for (ImportItem item : block) {
            if (!item.isRejected() && !held.containsKey(item.as(SalesLine.class).documentNo())) {
                unknown.add(item.as(SalesLine.class).documentNo());
            }
        }
        if (!unknown.isEmpty()) {
            // Once the table's statistics overestimate a document's lines, PostgreSQL would JIT-compile these index
            // lookups on every block (about 120 ms of the server's CPU for a query that takes one) and read a
            // range whole into a bitmap before its LIMIT (an index scan in order stops there)
            lookups.executeWithoutResult(status -> {
                jdbc.queryForList("SELECT set_config('jit', 'off', true), set_config('enable_bitmapscan', 'off', true)");
                load(storedAmong(unknown));
            });
        }
        List<ImportItem> checked = new ArrayList<>(block.size());
        for (ImportItem item : block) {
            String refusal = item.isRejected() ? null : refusal(item.as(SalesLine.class), item.row().line());
            checked.add(refusal == null ? item : ImportItem.rejected(item.row(), refusal));
        }
        forgetCommitted(committed);
        return checked;
    }

    /** How many documents are held in memory now; for tests of the bound. */
    int held() {
        return held.size();
    }

    /**
     * Which of {@code documents} may have stored lines. ERP exports list each series of documents (invoices,
     * credit notes) in number order, so the documents of a block span, per series, a range of numbers no stored line
     * falls in (a new period's documents) or only a few do (the document the previous block ended with): one look
     * at the primary key over each range, in the database's own order, tells which. When the ranges hold more lines
     * than that (a file in no order, ranges shared with earlier imports) every document is looked up.
     */
    private Set<String> storedAmong(Set<String> documents) {
        int cap = 4 * documents.size() + 16;
        List<String> inRanges = jdbc.queryForList("""
                WITH series AS (SELECT min(d) AS first, max(d) AS last FROM unnest(?::varchar[]) AS d
                                 GROUP BY regexp_replace(d, '[0-9]*$', ''))
                SELECT s.document_no
                  FROM series
                 CROSS JOIN LATERAL (SELECT l.document_no FROM sales_line l
                                      WHERE l.document_no BETWEEN series.first AND series.last
                                      ORDER BY l.document_no LIMIT ?) s""",
                String.class, documents.toArray(String[]::new), cap);
        if (inRanges.size() >= cap) {
            return documents;
        }
        Set<String> stored = new HashSet<>(inRanges);
        stored.retainAll(documents);
        return stored;
    }

    private void load(Set<String> documents) {
        if (documents.isEmpty()) {
            return;
        }
        // One primary-key lookup per document (OFFSET 0 keeps the planner from turning the lateral into a scan
        // of the whole table, which it chose for `= ANY (array)` once the table's statistics were out of date).
        jdbc.query("""
                SELECT s.document_no, s.line_no, s.due_date, s.import_id, s.source_line,
                       (SELECT r.file FROM import_run r WHERE r.id = s.import_id)
                  FROM unnest(?::varchar[]) AS d (document_no)
                  JOIN LATERAL (SELECT * FROM sales_line l WHERE l.document_no = d.document_no OFFSET 0) s ON true
                 ORDER BY s.document_no, s.line_no""", rs -> {
            Document document = held.computeIfAbsent(rs.getString(1), n -> new Document());
            int lineNo = rs.getInt(2);
            document.lines.add(lineNo);
            LocalDate dueDate = rs.getObject(3, LocalDate.class);
            long importOfLine = rs.getLong(4);
            if (rs.wasNull()) {
                document.given(dueDate, "line " + lineNo + " of the document, already imported", false, lineNo);
            } else if (importOfLine == importId) {
                long sourceLine = rs.getLong(5);
                document.given(dueDate, "line " + sourceLine + " of this file", true, sourceLine);
            } else {
                document.given(dueDate, "line " + rs.getLong(5) + " of " + rs.getString(6), false, lineNo);
            }
        }, (Object) documents.toArray(String[]::new));
    }

    /** Why {@code line} cannot be stored for its due date, or {@code null}; lines are taken in file order. */
    private String refusal(SalesLine line, long sourceLine) {
        Document document = held.computeIfAbsent(line.documentNo(), n -> new Document());
        if (!document.lines.add(line.lineNo())) {
            return null;
        }
        if (document.where == null) {
            document.given(line.dueDate(), "line " + sourceLine + " of this file", true, sourceLine);
            document.lastLine = sourceLine;
            return null;
        }
        if (Objects.equals(document.dueDate, line.dueDate())) {
            document.lastLine = sourceLine;
            return null;
        }
        // the line's number was taken above: forget it, so a later line with the same key is judged again
        document.lines.remove(line.lineNo());
        return "due_date " + shown(line.dueDate()) + " differs from " + shown(document.dueDate) + ", the due date of "
                + line.documentNo() + " on " + document.where + " (one due date per document)";
    }

    /** Drops the documents whose lines of this file are all committed: the next query sees them. */
    private void forgetCommitted(long committed) {
        if (committed == evictedThrough) {
            return;
        }
        held.values().removeIf(document -> document.lastLine <= committed);
        evictedThrough = committed;
    }

    private static String shown(LocalDate date) {
        return date == null ? "(empty)" : date.toString();
    }
}
