package io.periodclose.importing;

import java.util.List;
import java.util.Locale;

/** The five input files of SPEC §2, each with its required columns and the optional ones it may carry. */
public enum ImportKind {
    DISTRIBUTORS(List.of("code", "name", "tier", "currency", "email", "region")),
    /** {@code due_date} came later (SPEC §8.3): files without it stay valid. */
    SALES(List.of("document_no", "line_no", "document_type", "document_date", "distributor_code", "product_code",
            "product_line", "quantity", "net_amount", "currency"), "due_date"),
    TARGETS(List.of("distributor_code", "period", "target_amount")),
    CLAIMS(List.of("claim_id", "distributor_code", "claim_date", "direction", "description", "amount", "currency")),
    PAYMENTS(List.of("payment_id", "distributor_code", "document_no", "paid_date", "amount", "currency"));

    private final List<String> columns;
    private final List<String> optionalColumns;
    private final List<String> allColumns;

    ImportKind(List<String> columns, String... optionalColumns) {
        this.columns = columns;
        this.optionalColumns = List.of(optionalColumns);
        this.allColumns = java.util.stream.Stream.concat(columns.stream(), this.optionalColumns.stream()).toList();
    }

    /** The columns every file of the kind must have. */
    public List<String> columns() {
        return columns;
    }

    /** Columns read when the header names them, and otherwise taken as empty. */
    public List<String> optionalColumns() {
        return optionalColumns;
    }

    /** The required columns in their order, then the optional ones: the order rows are read in by position. */
    List<String> allColumns() {
        return allColumns;
    }

    /**
     * The word used on the command line: {@code distributors}, {@code sales}, {@code targets}, {@code claims},
     * {@code payments}.
     */
    public String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportKind fromCommandName(String name) {
        for (ImportKind kind : values()) {
            if (kind.commandName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown file kind '" + name
                + "': use distributors, sales, targets, claims or payments");
    }
}
