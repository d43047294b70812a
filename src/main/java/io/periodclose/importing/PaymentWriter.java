package io.periodclose.importing;

import io.periodclose.database.CopyBinary;
import io.periodclose.importing.RowParsers.Payment;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Payments are transactions like sales lines: never overwritten; the same row again is an unchanged duplicate,
 * other content under its id a conflict. A payment must pay an invoice of its distributor ({@link PaidDocuments});
 * unlike a claim, one dated in a closed quarter is taken, for a re-close to pick up (SPEC §8.3). Per chunk, one query
 * finds the ids already stored and one the documents; the new payments are then copied in with one COPY.
 */
class PaymentWriter extends ImportWriter {

    private static final String COLUMNS = "payment_id, distributor_code, document_no, paid_date, amount, currency,"
            + " import_id, source_line";

    PaymentWriter(JdbcTemplate jdbc, long importId) {
        super(jdbc, importId);
    }

    @Override
    protected void store(List<ImportItem> rows, Tally tally) throws Exception {
        Map<String, Payment> existing = new HashMap<>();
        Map<String, String> origin = new HashMap<>();
        String[] ids = rows.stream().map(r -> r.as(Payment.class).paymentId()).distinct().toArray(String[]::new);
        jdbc.query("SELECT p.payment_id, p.distributor_code, p.document_no, p.paid_date, p.amount, p.currency,"
                + " r.file, p.source_line FROM payment p LEFT JOIN import_run r ON r.id = p.import_id"
                + " WHERE p.payment_id = ANY (?)", rs -> {
            existing.put(rs.getString(1), new Payment(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getObject(4, LocalDate.class), rs.getBigDecimal(5), rs.getString(6)));
            origin.put(rs.getString(1), rs.getString(7) + " line " + rs.getLong(8));
        }, (Object) ids);
        PaidDocuments documents = PaidDocuments.load(jdbc, rows);
        String file = null;
        List<ImportItem> fresh = new ArrayList<>(rows.size());
        for (ImportItem item : rows) {
            Payment payment = item.as(Payment.class);
            Payment before = existing.get(payment.paymentId());
            if (before != null) {
                if (sameContent(before, payment)) {
                    tally.unchanged();
                } else {
                    tally.reject(item.row(), "conflicts with an already imported row ("
                            + origin.get(payment.paymentId()) + ")");
                }
                continue;
            }
            String refusal = documents.refusal(payment);
            if (refusal != null) {
                tally.reject(item.row(), refusal);
                continue;
            }
            existing.put(payment.paymentId(), payment);
            if (file == null) {
                file = jdbc.queryForObject("SELECT file FROM import_run WHERE id = ?", String.class, importId);
            }
            origin.put(payment.paymentId(), file + " line " + item.row().line());
            fresh.add(item);
            tally.accepted();
        }
        if (!fresh.isEmpty()) {
            copy(fresh);
        }
    }

    /** The new payments in one binary COPY, inside the chunk's transaction. */
    private void copy(List<ImportItem> fresh) throws Exception {
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new CopyBinary(CopyBinary.SEGMENT_BYTES + 256).copy(connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY payment (" + COLUMNS + ") FROM STDIN (FORMAT binary)"), fresh,
                    (CopyBinary rows, ImportItem item) -> {
                        Payment payment = item.as(Payment.class);
                        rows.fieldCount(8).text(payment.paymentId()).text(payment.distributorCode())
                                .text(payment.documentNo()).date(payment.paidDate()).numeric(payment.amount())
                                .text(payment.currency()).int8(importId).int8(item.row().line());
                    });
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static boolean sameContent(Payment a, Payment b) {
        return a.distributorCode().equals(b.distributorCode()) && a.documentNo().equals(b.documentNo())
                && a.paidDate().equals(b.paidDate()) && a.amount().compareTo(b.amount()) == 0
                && a.currency().equals(b.currency());
    }
}
