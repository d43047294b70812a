package io.periodclose.importing;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** Turns a CSV row of each kind of file into a checked record, or says why it cannot be imported. */
final class RowParsers {

    enum Tier { BRONZE, SILVER, GOLD, PLATINUM }

    enum DocumentType { INVOICE, CREDIT_NOTE }

    record Distributor(String code, String name, String tier, String currency, String email, String region) {
    }

    /** {@code dueDate}: null when the file has no due_date column or leaves it empty. */
    record SalesLine(String documentNo, int lineNo, String documentType, LocalDate documentDate,
                     String distributorCode, String productCode, String productLine, BigDecimal quantity,
                     BigDecimal netAmount, String currency, LocalDate dueDate) {
    }

    record Target(String distributorCode, Quarter period, BigDecimal amount) {
    }

    record Claim(String claimId, String distributorCode, LocalDate claimDate, String direction, String description,
                 BigDecimal amount, String currency) {
    }

    record Payment(String paymentId, String distributorCode, String documentNo, LocalDate paidDate, BigDecimal amount,
                   String currency) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]*");

    private RowParsers() {
    }

    /**
     * The last date read in each date column of a sales file and its text: an export sorted by date repeats the same
     * date for thousands of rows, each read once. Only dates that were accepted are remembered; one per file reader.
     */
    static final class LastDates {
        private final String[] texts = new String[2];
        private final LocalDate[] dates = new LocalDate[2];

        /** {@link Fields#date(String, String)}; {@code slot} 0 for the document date, 1 for the due date. */
        LocalDate date(int slot, String raw, String column) throws RowRejected {
            if (raw != null && raw.equals(texts[slot])) {
                return dates[slot];
            }
            LocalDate date = Fields.date(raw, column);
            texts[slot] = raw;
            dates[slot] = date;
            return date;
        }
    }

    static Object parse(ImportKind kind, CsvRow row, ReferenceData reference) throws RowRejected {
        return parse(kind, row, reference, new LastDates());
    }

    static Object parse(ImportKind kind, CsvRow row, ReferenceData reference, LastDates lastDates)
            throws RowRejected {
        Fields.requireShape(row);
        FieldLimits.check(kind, row);
        return switch (kind) {
            case DISTRIBUTORS -> distributor(row);
            case SALES -> salesLine(row, reference, lastDates);
            case TARGETS -> target(row, reference);
            case CLAIMS -> claim(row, reference);
            case PAYMENTS -> payment(row, reference);
        };
    }

    static Distributor distributor(CsvRow row) throws RowRejected {
        // the code and the name head every statement: a character the font lacks would have it refused
        String code = Fields.printable(Fields.distributorCode(row, "code"), "code");
        String name = Fields.printable(Fields.text(row, "name"), "name");
        Tier tier = Fields.oneOf(row, "tier", Tier.class);
        String currency = Fields.currency(row, "currency");
        String email = Fields.text(row, "email");
        if (!EMAIL.matcher(email).matches()) {
            throw new RowRejected("bad email: '" + email + "'");
        }
        String region = Fields.text(row, "region");
        return new Distributor(code, name, tier.name(), currency, email, region);
    }

    static SalesLine salesLine(CsvRow row, ReferenceData reference, LastDates lastDates) throws RowRejected {
        // by position, found once per file: the columns of ImportKind.SALES in their order, due_date last
        int[] at = row.header().positions(ImportKind.SALES);
        String[] values = row.values();
        String documentNo = Fields.code(value(values, at[0]), "document_no");
        int lineNo = Fields.positiveInt(value(values, at[1]), "line_no");
        DocumentType type = Fields.oneOf(value(values, at[2]), "document_type", DocumentType.class);
        LocalDate date = lastDates.date(0, value(values, at[3]), "document_date");
        String distributor = Fields.distributorCode(value(values, at[4]), "distributor_code");
        ReferenceData.DistributorsCurrency distributorsCurrency = knownDistributor(reference, distributor);
        String productCode = Fields.code(value(values, at[5]), "product_code");
        String productLine = Fields.code(value(values, at[6]), "product_line");
        BigDecimal quantity = Fields.amount(value(values, at[7]), "quantity");
        String currency = Fields.text(value(values, at[9]), "currency");
        int minorDigits;
        if (currency.equals(distributorsCurrency.code()) && distributorsCurrency.minorDigits() >= 0) {
            minorDigits = distributorsCurrency.minorDigits(); // a currency known to exist, the distributor's
        } else {
            currency = sameCurrency(value(values, at[9]), distributorsCurrency.code()); // fails with the reason
            minorDigits = Currencies.minorDigits(currency);
        }
        BigDecimal netAmount = Fields.money(value(values, at[8]), "net_amount", currency, minorDigits);
        String due = at[10] < 0 ? null : value(values, at[10]);
        LocalDate dueDate = due == null || due.isBlank() ? null : lastDates.date(1, due, "due_date"); // optionalDate
        if (dueDate != null) {
            if (type == DocumentType.CREDIT_NOTE) {
                throw new RowRejected("a credit note has no due date (due_date " + dueDate + ")");
            }
            if (dueDate.isBefore(date)) {
                throw new RowRejected("due_date " + dueDate + " is before the document_date " + date);
            }
        }
        return new SalesLine(documentNo, lineNo, type.name(), date, distributor, productCode, productLine, quantity,
                netAmount, currency, dueDate);
    }

    static Target target(CsvRow row, ReferenceData reference) throws RowRejected {
        String distributor = Fields.distributorCode(row, "distributor_code");
        String distributorsCurrency = knownDistributorsCurrency(reference, distributor);
        Quarter period = Fields.quarter(row, "period");
        BigDecimal amount = Fields.money(row, "target_amount", distributorsCurrency);
        return new Target(distributor, period, amount);
    }

    static Claim claim(CsvRow row, ReferenceData reference) throws RowRejected {
        // the id and the description are printed on the claim's SPEND line (the direction is an ASCII code)
        String claimId = Fields.printable(Fields.code(row, "claim_id"), "claim_id");
        String distributor = Fields.distributorCode(row, "distributor_code");
        String distributorsCurrency = knownDistributorsCurrency(reference, distributor);
        LocalDate date = Fields.date(row, "claim_date");
        String direction = Fields.text(row, "direction");
        if (!IDENTIFIER.matcher(direction).matches() || direction.length() > Fields.CODE_LENGTH) {
            throw new RowRejected("bad direction '" + direction + "' (expected an upper-case code such as CATALOGUES)");
        }
        String description = Fields.printable(Fields.optionalText(row, "description"), "description");
        String currency = sameCurrency(row, distributorsCurrency);
        BigDecimal amount = Fields.money(row, "amount", currency);
        return new Claim(claimId, distributor, date, direction, description, amount, currency);
    }

    /**
     * What a payment row says on its own; whether its document is an invoice of that distributor is looked up for a
     * whole chunk at once ({@link PaymentWriter}).
     */
    static Payment payment(CsvRow row, ReferenceData reference) throws RowRejected {
        String paymentId = Fields.code(row, "payment_id");
        String distributor = Fields.distributorCode(row, "distributor_code");
        String distributorsCurrency = knownDistributorsCurrency(reference, distributor);
        String documentNo = Fields.code(row, "document_no");
        LocalDate paidDate = Fields.date(row, "paid_date");
        String currency = sameCurrency(row, distributorsCurrency);
        BigDecimal amount = Fields.money(row, "amount", currency);
        if (amount.signum() == 0) {
            throw new RowRejected("amount must be more than 0: " + amount.toPlainString());
        }
        return new Payment(paymentId, distributor, documentNo, paidDate, amount, currency);
    }

    /** The currency of a distributor of the master data, looked up once per row. */
    private static String knownDistributorsCurrency(ReferenceData reference, String distributor) throws RowRejected {
        return knownDistributor(reference, distributor).code();
    }

    /** A distributor of the master data's currency and its minor digits; a row naming another is rejected. */
    private static ReferenceData.DistributorsCurrency knownDistributor(ReferenceData reference, String distributor)
            throws RowRejected {
        ReferenceData.DistributorsCurrency currency = reference.distributorsCurrency(distributor);
        if (currency == null) {
            throw new RowRejected("unknown distributor " + distributor);
        }
        return currency;
    }

    /** {@link CsvRow#get}: null for a column beyond the row's end. */
    private static String value(String[] values, int at) {
        return at < values.length ? values[at] : null;
    }

    private static String sameCurrency(CsvRow row, String expected) throws RowRejected {
        return sameCurrency(row.get("currency"), expected);
    }

    private static String sameCurrency(String value, String expected) throws RowRejected {
        String currency = Fields.currency(value, "currency");
        if (!currency.equals(expected)) {
            throw new RowRejected("currency " + currency + " differs from the distributor's " + expected);
        }
        return currency;
    }
}
