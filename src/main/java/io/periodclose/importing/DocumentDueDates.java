package io.periodclose.importing;

import io.periodclose.importing.RowParsers.SalesLine;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SPEC §2: an invoice's due date is the same on every line of the document, since the early-payment rebate (§8.3)
 * reads one due date per invoice. A document's due date is the one of its lines already stored (earlier imports, or
 * earlier chunks of this file), else of its first line in the chunk; a new line that gives another one, empty
 * included, is rejected naming both dates. A line whose key is already stored or earlier in the chunk is left to
 * the unchanged/conflict comparison, so that a changed due date there reads as the conflict it is.
 *
 * <p>One query per chunk for all of its documents: sales lines come by the million.
 */
final class DocumentDueDates {

    private static final class Document {
        LocalDate dueDate;
        /** Where the due date was first given; {@code null} until a line has given it. */
        String where;
        final Set<Integer> lines = new HashSet<>();
    }

    private final Map<String, Document> documents;

    private DocumentDueDates(Map<String, Document> documents) {
        this.documents = documents;
    }

    /** The stored lines of the documents of {@code rows}, read at once. */
    static DocumentDueDates load(JdbcTemplate jdbc, List<ImportItem> rows, long importId) {
        Map<String, Document> documents = new HashMap<>();
        for (ImportItem item : rows) {
            documents.computeIfAbsent(item.as(SalesLine.class).documentNo(), n -> new Document());
        }
        // One primary-key lookup per document (OFFSET 0 keeps the planner from turning the lateral into a scan
        // of the whole table, which it chose for `= ANY (array)` once the table's statistics were out of date).
        jdbc.query("""
                SELECT s.document_no, s.line_no, s.due_date, s.import_id, s.source_line,
                       (SELECT r.file FROM import_run r WHERE r.id = s.import_id)
                  FROM unnest(?::varchar[]) AS d (document_no)
                  JOIN LATERAL (SELECT * FROM sales_line l WHERE l.document_no = d.document_no OFFSET 0) s ON true
                 ORDER BY s.document_no, s.line_no""", rs -> {
            Document document = documents.get(rs.getString(1));
            document.lines.add(rs.getInt(2));
            if (document.where == null) {
                document.dueDate = rs.getObject(3, LocalDate.class);
                long importOfLine = rs.getLong(4);
                document.where = rs.wasNull() ? "line " + rs.getInt(2) + " of the document, already imported"
                        : importOfLine == importId ? "line " + rs.getLong(5) + " of this file"
                        : "line " + rs.getLong(5) + " of " + rs.getString(6);
            }
        }, (Object) documents.keySet().toArray(String[]::new));
        return new DocumentDueDates(documents);
    }

    /** Why {@code line} cannot be stored for its due date, or {@code null}; lines are taken in file order. */
    String refusal(SalesLine line, long sourceLine) {
        Document document = documents.get(line.documentNo());
        if (!document.lines.add(line.lineNo())) {
            return null;
        }
        if (document.where == null) {
            document.dueDate = line.dueDate();
            document.where = "line " + sourceLine + " of this file";
            return null;
        }
        if (Objects.equals(document.dueDate, line.dueDate())) {
            return null;
        }
        // the line's number was taken above: forget it, so a later line with the same key is judged again
        document.lines.remove(line.lineNo());
        return "due_date " + shown(line.dueDate()) + " differs from " + shown(document.dueDate) + ", the due date of "
                + line.documentNo() + " on " + document.where + " (one due date per document)";
    }

    private static String shown(LocalDate date) {
        return date == null ? "(empty)" : date.toString();
    }
}
