package io.periodclose.importing;

import java.util.List;
import java.util.Locale;

/** The four input files of SPEC §2, each with its required columns. */
public enum ImportKind {
    DISTRIBUTORS("code", "name", "tier", "currency", "email", "region"),
    SALES("document_no", "line_no", "document_type", "document_date", "distributor_code", "product_code",
            "product_line", "quantity", "net_amount", "currency"),
    TARGETS("distributor_code", "period", "target_amount"),
    CLAIMS("claim_id", "distributor_code", "claim_date", "direction", "description", "amount", "currency");

    private final List<String> columns;

    ImportKind(String... columns) {
        this.columns = List.of(columns);
    }

    public List<String> columns() {
        return columns;
    }

    /** The word used on the command line: {@code distributors}, {@code sales}, {@code targets}, {@code claims}. */
    public String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportKind fromCommandName(String name) {
        for (ImportKind kind : values()) {
            if (kind.commandName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown file kind '" + name + "': use distributors, sales, targets or claims");
    }
}
