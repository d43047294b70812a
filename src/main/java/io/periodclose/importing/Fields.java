package io.periodclose.importing;

import io.periodclose.files.DistributorCode;
import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;
import io.periodclose.statement.StatementGlyphs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Field-level rules shared by every input file; each failure names the column and the offending value. */
final class Fields {

    static final int CODE_LENGTH = 40;

    /** {@link Class#getEnumConstants()} copies the array on every call. */
    private static final ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    private Fields() {
    }

    static void requireShape(CsvRow row) throws RowRejected {
        int expected = row.header().size();
        int found = row.values().length;
        if (found < expected) {
            String missing = row.header().names().get(found);
            throw new RowRejected("missing column " + missing + ": the row has " + found + " fields, the header " + expected);
        }
        if (found > expected) {
            throw new RowRejected("the row has " + found + " fields, the header " + expected
                    + " (an unquoted comma in a value?)");
        }
        if (row.ordinaryText()) {
            return; // the reader saw no U+FFFD
        }
        for (String value : row.values()) {
            if (value.indexOf('\uFFFD') >= 0) {
                throw new RowRejected("the row is not valid UTF-8 text");
            }
        }
    }

    static String text(CsvRow row, String column) throws RowRejected {
        return text(row.get(column), column);
    }

    /** The value of {@code column}, stripped; {@code value} is null when the row stops short of the column. */
    static String text(String value, String column) throws RowRejected {
        int length = value == null ? 0 : value.length();
        if (length > 0 && notWhitespace(value.charAt(0)) && notWhitespace(value.charAt(length - 1))) {
            return value; // neither blank nor anything to strip: what strip() would return
        }
        if (value == null || value.isBlank()) {
            throw new RowRejected("missing value in " + column);
        }
        return value.strip();
    }

    static String optionalText(CsvRow row, String column) {
        String value = row.get(column);
        return value == null ? "" : value.strip();
    }

    static String code(CsvRow row, String column) throws RowRejected {
        return code(row.get(column), column);
    }

    static String code(String raw, String column) throws RowRejected {
        String value = text(raw, column);
        if (value.length() > CODE_LENGTH) {
            throw new RowRejected(column + " is longer than " + CODE_LENGTH + " characters: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean printableAscii = c > ' ' && c < 0x7F;
            if (!printableAscii && (Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new RowRejected(column + " must not contain spaces: '" + value + "'");
            }
        }
        return value;
    }

    /**
     * A distributor code as SPEC §2 restricts it ({@link DistributorCode}): it becomes a file name. Read untrimmed, so
     * {@code " D1"} is refused rather than taken for D1; in every file that names a distributor.
     */
    static String distributorCode(CsvRow row, String column) throws RowRejected {
        return distributorCode(row.get(column), column);
    }

    static String distributorCode(String value, String column) throws RowRejected {
        if (value == null || value.isBlank()) {
            throw new RowRejected("missing value in " + column);
        }
        String problem = DistributorCode.problem(value);
        if (problem != null) {
            throw new RowRejected("bad distributor code in " + column + ": '" + value + "' " + problem);
        }
        return value;
    }

    /**
     * Rejects a value the statements print (a distributor's code and name, a claim's id and description) when it
     * holds a character the statement font cannot print ({@link StatementGlyphs}, the renderer's own test): the
     * statement would be refused at the close, so the row is refused now, with the character named.
     */
    static String printable(String value, String column) throws RowRejected {
        int at = StatementGlyphs.firstMissing(value);
        if (at >= 0) {
            throw new RowRejected(column + " contains " + StatementGlyphs.describe(value, at) + " at position "
                    + (value.codePointCount(0, at) + 1) + ", which the statements cannot print (their font has no glyph"
                    + " for it): '" + Shown.value(value) + "'");
        }
        return value;
    }

    /** A non-negative decimal with a dot, no sign, exponent or grouping: {@code 1234.50}. */
    static BigDecimal amount(CsvRow row, String column) throws RowRejected {
        return amount(row.get(column), column);
    }

    static BigDecimal amount(String raw, String column) throws RowRejected {
        String value = text(raw, column);
        if (value.startsWith("-") && isPlainDecimal(value.substring(1))) {
            throw new RowRejected("negative amount in " + column + ": " + value);
        }
        if (!isPlainDecimal(value)) {
            throw new RowRejected("bad number in " + column + ": '" + value + "'");
        }
        BigDecimal amount = plainDecimal(value);
        if (amount.precision() - amount.scale() > 16) {
            throw new RowRejected("number too large in " + column + ": " + value);
        }
        // stored with 4 decimals: 9999999999999999.99995 would round to 17 digits before the point
        if (amount.scale() > 4 && amount.setScale(4, RoundingMode.HALF_UP).precision() - 4 > 16) {
            throw new RowRejected("number too large in " + column + ": " + value);
        }
        return amount;
    }

    /**
     * {@code new BigDecimal(value)} for a value {@link #isPlainDecimal} accepted, without its general parser when the
     * digits fit a long: the same unscaled value and scale.
     */
    private static BigDecimal plainDecimal(String value) {
        int length = value.length();
        if (length > 18) {
            return new BigDecimal(value);
        }
        long unscaled = 0;
        int scale = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                scale = length - 1 - i;
            } else {
                unscaled = unscaled * 10 + (c - '0');
            }
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** An amount that also fits the currency's minor unit: JPY has none, EUR two. */
    static BigDecimal money(CsvRow row, String column, String currency) throws RowRejected {
        return money(row.get(column), column, currency);
    }

    static BigDecimal money(String raw, String column, String currency) throws RowRejected {
        return money(raw, column, currency, Currencies.minorDigits(currency));
    }

    /** {@code digits}: {@code Currencies.minorDigits(currency)}, when the caller knows it already. */
    static BigDecimal money(String raw, String column, String currency, int digits) throws RowRejected {
        BigDecimal amount = amount(raw, column);
        // stripping trailing zeros never raises the scale: only a scale above the currency's digits needs it
        if (amount.scale() > digits && significantDecimals(amount) > digits) {
            throw new RowRejected(column + " " + amount.toPlainString() + " has more decimals than " + currency
                    + " allows (" + digits + ")");
        }
        return amount;
    }

    /** {@code amount.stripTrailingZeros().scale()}, but never below zero and without building a new number. */
    private static int significantDecimals(BigDecimal amount) {
        int scale = amount.scale();
        if (scale <= 0 || amount.signum() == 0) {
            return 0;
        }
        if (amount.precision() > 18) {
            return Math.max(0, amount.stripTrailingZeros().scale());
        }
        long unscaled = amount.scaleByPowerOfTen(scale).longValue(); // the unscaled value, without a BigInteger
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return scale;
    }

    static int positiveInt(CsvRow row, String column) throws RowRejected {
        return positiveInt(row.get(column), column);
    }

    static int positiveInt(String raw, String column) throws RowRejected {
        String value = text(raw, column);
        if (value.isEmpty() || value.length() > 9 || !allDigits(value)) {
            throw new RowRejected("bad number in " + column + ": '" + value + "' (a whole number is expected)");
        }
        int number = Integer.parseInt(value);
        if (number <= 0) {
            throw new RowRejected(column + " must be positive: " + value);
        }
        return number;
    }

    /** An ISO date {@code YYYY-MM-DD}, parsed by hand: this runs millions of times per import. */
    static LocalDate date(CsvRow row, String column) throws RowRejected {
        return date(row.get(column), column);
    }

    static LocalDate date(String raw, String column) throws RowRejected {
        String value = text(raw, column);
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-'
                || !digits(value, 0, 4) || !digits(value, 5, 7) || !digits(value, 8, 10)) {
            throw new RowRejected("bad date in " + column + ": '" + value + "' (expected YYYY-MM-DD)");
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                    Integer.parseInt(value, 8, 10, 10));
        } catch (DateTimeException e) {
            throw new RowRejected("bad date in " + column + ": '" + value + "' (" + e.getMessage() + ")");
        }
        if (date.getYear() < Quarter.FIRST_YEAR || date.getYear() > Quarter.LAST_YEAR) {
            throw new RowRejected("date out of range in " + column + ": '" + value + "' (dates from "
                    + Quarter.FIRST_YEAR + "-01-01 to " + Quarter.LAST_YEAR + "-12-31 are taken)");
        }
        return date;
    }

    /** A date in an optional column: {@code null} when the file has no such column or the value is empty. */
    static LocalDate optionalDate(CsvRow row, String column) throws RowRejected {
        return optionalDate(row.optional(column), column);
    }

    /** {@code value}: null when the file has no such column. */
    static LocalDate optionalDate(String value, String column) throws RowRejected {
        if (value == null || value.isBlank()) {
            return null;
        }
        return date(value, column);
    }

    static String currency(CsvRow row, String column) throws RowRejected {
        return currency(row.get(column), column);
    }

    static String currency(String raw, String column) throws RowRejected {
        String value = text(raw, column);
        if (Currencies.lookup(value).isEmpty()) {
            throw new RowRejected("unknown currency in " + column + ": '" + value + "'");
        }
        return value;
    }

    static Quarter quarter(CsvRow row, String column) throws RowRejected {
        String value = text(row, column);
        try {
            return Quarter.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RowRejected("bad period in " + column + ": '" + value + "' (expected e.g. 2026-Q3)");
        }
    }

    static <E extends Enum<E>> E oneOf(CsvRow row, String column, Class<E> type) throws RowRejected {
        return oneOf(row.get(column), column, type);
    }

    static <E extends Enum<E>> E oneOf(String raw, String column, Class<E> type) throws RowRejected {
        String value = text(raw, column);
        @SuppressWarnings("unchecked")
        E[] constants = (E[]) CONSTANTS.get(type);
        for (E constant : constants) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new RowRejected("unknown " + column + " '" + value + "' (expected one of "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
    }

    /**
     * Not a character {@link String#strip()} removes: it strips {@link Character#isWhitespace} code points, all of
     * which are single chars (a surrogate is never whitespace, nor is the code point it is half of).
     */
    private static boolean notWhitespace(char c) {
        return c > ' ' && c < 0x7F || !Character.isWhitespace(c);
    }

    private static boolean isPlainDecimal(String value) {
        int dot = -1;
        int length = value.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (dot >= 0 || i == 0 || i == length - 1) {
                    return false;
                }
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Any Unicode digits, as {@link Integer#parseInt} takes them. */
    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
