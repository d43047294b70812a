package io.periodclose.importing;

import java.util.List;
import java.util.Map;

/**
 * The longest value each column of an input file may hold, in characters (SPEC §2: every text field has a
 * documented maximum length; README, "Import"). The database schema holds the same limits (V9), so a value
 * refused here could not be stored anyway; checking first names the column and the limit in the row's reason.
 *
 * <p>Also refuses what no PostgreSQL text column can hold, whatever its length: the NUL character and lone
 * surrogates (half a character, from a broken file).
 */
final class FieldLimits {

    /**
     * Codes and identifiers: distributor codes, document numbers, product codes and lines, claim and payment ids,
     * directions.
     */
    static final int CODE = Fields.CODE_LENGTH;
    static final int NAME = 200;
    static final int EMAIL = 254;
    static final int REGION = 100;
    static final int DESCRIPTION = 1000;
    /** Numbers, dates, periods, tiers, types and currencies: far shorter when valid; the bound keeps parsing cheap. */
    static final int SHORT = 64;

    private static final Map<String, Integer> LIMITS = Map.ofEntries(
            Map.entry("code", CODE), Map.entry("distributor_code", CODE), Map.entry("document_no", CODE),
            Map.entry("product_code", CODE), Map.entry("product_line", CODE), Map.entry("claim_id", CODE),
            Map.entry("payment_id", CODE),
            Map.entry("direction", CODE), Map.entry("name", NAME), Map.entry("email", EMAIL),
            Map.entry("region", REGION), Map.entry("description", DESCRIPTION));

    /** Each kind's limits in the order of {@link CsvHeader#positions}: required columns, then optional ones. */
    private static final int[][] KIND_LIMITS = new int[ImportKind.values().length][];

    static {
        for (ImportKind kind : ImportKind.values()) {
            List<String> columns = kind.allColumns();
            int[] limits = new int[columns.size()];
            for (int i = 0; i < limits.length; i++) {
                limits[i] = limit(columns.get(i));
            }
            KIND_LIMITS[kind.ordinal()] = limits;
        }
    }

    private FieldLimits() {
    }

    static int limit(String column) {
        return LIMITS.getOrDefault(column, SHORT);
    }

    /** Rejects a row with a value too long for its column, a NUL character or a lone surrogate. */
    static void check(ImportKind kind, CsvRow row) throws RowRejected {
        int[] positions = row.header().positions(kind);
        int[] limits = KIND_LIMITS[kind.ordinal()];
        int required = kind.columns().size();
        String[] values = row.values();
        for (int i = 0; i < positions.length; i++) {
            int at = positions[i];
            if (at < 0) {
                if (i < required) {
                    row.header().indexOf(kind.columns().get(i)); // fails as reading the row by name would
                }
                continue; // an optional column the file does not have
            }
            if (at < values.length) {
                check(kind.allColumns().get(i), limits[i], values[at], row.ordinaryText());
            }
        }
    }

    /** {@code ordinaryText}: the reader found no NUL or surrogate in the row, only its length is left to check. */
    private static void check(String column, int limit, String value, boolean ordinaryText) throws RowRejected {
        if (value != null) {
            if (value.length() > limit && value.strip().length() > limit) {
                throw new RowRejected(column + " is longer than its limit of " + limit + " characters ("
                        + value.strip().length() + " characters): '" + Shown.value(value) + "'");
            }
            for (int i = 0, end = ordinaryText ? 0 : value.length(); i < end; i++) {
                char c = value.charAt(i);
                if (c == 0) {
                    throw new RowRejected(column + " contains a NUL character (byte 0) at position " + (i + 1)
                            + ", which no text can hold");
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new RowRejected(column + " is not valid text: half a character (a lone surrogate) at"
                            + " position " + (i + 1));
                }
            }
        }
    }
}
