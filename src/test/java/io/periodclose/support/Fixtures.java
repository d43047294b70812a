package io.periodclose.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Master data and transactions written straight into the tables, for tests of what comes after the import. */
public final class Fixtures {

    private final JdbcTemplate jdbc;
    private int documents;

    public Fixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.update("INSERT INTO import_run (id, kind, file, file_sha256) VALUES (0, 'SALES', 'fixtures', repeat('0', 64))"
                + " ON CONFLICT DO NOTHING");
    }

    /**
     * The web tests' books: D1 GOLD invoiced 100,000.00 RUB on 2025-02-10 and D2 SILVER 50,000.00 RUB on
     * 2025-03-10, both PRINTERS, so a close of 2025-Q1 gives D1 1.5 % = 1,500.00 and D2 2 % = 1,000.00.
     */
    public Fixtures goldAndSilverInvoicedIn2025Q1() {
        return distributor("D1", "GOLD", "RUB")
                .distributor("D2", "SILVER", "RUB")
                .invoice("D1", "2025-02-10", "PRINTERS", "100000.00", "RUB")
                .invoice("D2", "2025-03-10", "PRINTERS", "50000.00", "RUB");
    }

    public Fixtures distributor(String code, String tier, String currency) {
        jdbc.update("INSERT INTO distributor (code, name, tier, currency, email, region, version, valid_from)"
                + " VALUES (?, ?, ?, ?, ?, 'RU', 1, now())", code, "ООО «" + code + "»", tier, currency,
                code.toLowerCase() + "@example.com");
        return this;
    }

    public Fixtures invoice(String distributor, String date, String productLine, String amount, String currency) {
        return line("INVOICE", distributor, date, productLine, amount, currency);
    }

    public Fixtures creditNote(String distributor, String date, String productLine, String amount, String currency) {
        return line("CREDIT_NOTE", distributor, date, productLine, amount, currency);
    }

    /** An invoice due on {@code dueDate}, its document number {@code documentNo} (for payments of it). */
    public Fixtures invoice(String documentNo, String distributor, String date, String amount, String currency,
                            String dueDate) {
        documents++;
        insertLine(documentNo, "INVOICE", distributor, date, "LAPTOPS", amount, currency, LocalDate.parse(dueDate));
        return this;
    }

    public Fixtures payment(String id, String distributor, String documentNo, String paidDate, String amount,
                            String currency) {
        jdbc.update("""
                INSERT INTO payment (payment_id, distributor_code, document_no, paid_date, amount, currency,
                                     import_id, source_line)
                VALUES (?, ?, ?, ?, ?, ?, 0, 1)""", id, distributor, documentNo, LocalDate.parse(paidDate),
                new BigDecimal(amount), currency);
        return this;
    }

    private Fixtures line(String type, String distributor, String date, String productLine, String amount,
                          String currency) {
        documents++;
        insertLine("DOC" + documents, type, distributor, date, productLine, amount, currency, null);
        return this;
    }

    private void insertLine(String documentNo, String type, String distributor, String date, String productLine,
                            String amount, String currency, LocalDate dueDate) {
        jdbc.update("""
                INSERT INTO sales_line (document_no, line_no, document_type, document_date, distributor_code,
                                        product_code, product_line, quantity, net_amount, currency, import_id,
                                        source_line, due_date)
                VALUES (?, 1, ?, ?, ?, 'P1', ?, 1, ?, ?, 0, ?, ?)""", documentNo, type, LocalDate.parse(date),
                distributor, productLine, new BigDecimal(amount), currency, documents, dueDate);
    }

    public Fixtures target(String distributor, String period, String amount) {
        jdbc.update("INSERT INTO target (distributor_code, period, target_amount, version, valid_from)"
                + " VALUES (?, ?, ?, 1, now())", distributor, period, new BigDecimal(amount));
        return this;
    }

    public Fixtures claim(String id, String distributor, String date, String direction, String amount, String currency) {
        jdbc.update("""
                INSERT INTO claim (claim_id, distributor_code, claim_date, direction, description, amount, currency,
                                   import_id, source_line)
                VALUES (?, ?, ?, ?, 'Каталоги', ?, ?, 0, 1)""", id, distributor, LocalDate.parse(date), direction,
                new BigDecimal(amount), currency);
        return this;
    }
}
