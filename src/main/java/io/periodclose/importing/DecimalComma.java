package io.periodclose.importing;

import java.util.List;
import java.util.Map;

/**
 * {@code --decimal-comma}: the amounts of a file from 1C or a Russian Excel are written {@code 1234,50}. Each amount
 * column's single comma becomes the dot SPEC §2's rules read; a dot is then refused (it would be a thousands
 * separator or a mistake, never silently a decimal point).
 */
final class DecimalComma {

    private static final Map<ImportKind, List<String>> AMOUNTS = Map.of(
            ImportKind.DISTRIBUTORS, List.of(),
            ImportKind.SALES, List.of("quantity", "net_amount"),
            ImportKind.TARGETS, List.of("target_amount"),
            ImportKind.CLAIMS, List.of("amount"),
            ImportKind.PAYMENTS, List.of("amount"));

    private DecimalComma() {
    }

    /** The row with its amounts in dot notation; other fields untouched. */
    static CsvRow toDots(ImportKind kind, CsvRow row) throws RowRejected {
        String[] values = null;
        for (String column : AMOUNTS.get(kind)) {
            int index = row.header().indexOf(column);
            if (index >= row.values().length) {
                continue;
            }
            String value = row.values()[index];
            if (value.indexOf('.') >= 0) {
                throw new RowRejected("bad number in " + column + ": '" + Shown.value(value)
                        + "' (with --decimal-comma an amount is written like 1234,50, without a dot)");
            }
            int comma = value.indexOf(',');
            if (comma >= 0 && value.indexOf(',', comma + 1) < 0) {
                if (values == null) {
                    values = row.values().clone();
                }
                values[index] = value.replace(',', '.');
            }
        }
        return values == null ? row : new CsvRow(row.line(), values, row.header());
    }
}
