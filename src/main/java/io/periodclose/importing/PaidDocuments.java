package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Payment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SPEC §8.3: a payment pays an invoice of its distributor. Its document must be known from the sales lines, be an
 * INVOICE (a credit note is never paid) and belong to the paying distributor. The documents of a whole chunk are
 * read in one query: payments come by the hundred thousand. The sales lines must be imported first; a payment
 * rejected for an unknown document is imported again once they are.
 */
final class PaidDocuments {

    /** What the lines of one document say: its types and distributors (one of each, unless the file was odd). */
    private record Document(Set<String> types, Set<String> distributors) {
    }

    private final Map<String, Document> documents;

    private PaidDocuments(Map<String, Document> documents) {
        this.documents = documents;
    }

    static PaidDocuments load(JdbcTemplate jdbc, List<ImportItem> rows) {
        String[] numbers = rows.stream().map(item -> item.as(Payment.class).documentNo()).distinct()
                .toArray(String[]::new);
        Map<String, Document> documents = new HashMap<>();
        jdbc.query("SELECT DISTINCT document_no, document_type, distributor_code FROM sales_line"
                + " WHERE document_no = ANY (?)", rs -> {
            Document document = documents.computeIfAbsent(rs.getString(1),
                    n -> new Document(new TreeSet<>(), new TreeSet<>()));
            document.types().add(rs.getString(2));
            document.distributors().add(rs.getString(3));
        }, (Object) numbers);
        return new PaidDocuments(documents);
    }

    /** Why {@code payment} cannot pay its document, or {@code null}. */
    String refusal(Payment payment) {
        Document document = documents.get(payment.documentNo());
        if (document == null) {
            return "unknown document " + payment.documentNo() + " (no sales line has this document_no)";
        }
        if (!document.types().equals(Set.of(RowParsers.DocumentType.INVOICE.name()))) {
            return "document " + payment.documentNo() + " is a credit note, not an invoice";
        }
        if (!document.distributors().contains(payment.distributorCode())) {
            return "document " + payment.documentNo() + " is an invoice of "
                    + String.join(", ", document.distributors()) + ", not of " + payment.distributorCode();
        }
        return null;
    }
}
