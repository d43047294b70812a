package io.periodclose.files;

/**
 * SPEC §2's rule for distributor codes, which become file names: 1–40 characters, letters of any script (1C codes
 * are often Cyrillic), decimal digits, {@code .}, {@code _} and {@code -}, not starting with {@code .} or {@code -}.
 * Nothing is trimmed: a code with surrounding spaces is refused, never taken for another distributor.
 */
public final class DistributorCode {

    public static final int MAX_LENGTH = 40;

    private DistributorCode() {
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** Why {@code code} is not a valid distributor code, or {@code null} when it is one. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "is empty";
        }
        if (!code.equals(code.strip())) {
            return "has leading or trailing spaces (codes are never trimmed)";
        }
        int length = code.codePointCount(0, code.length());
        if (length > MAX_LENGTH) {
            return "is " + length + " characters long, at most " + MAX_LENGTH + " are allowed";
        }
        char first = code.charAt(0);
        if (first == '.' || first == '-') {
            return "starts with '" + first + "' (a code may not start with '.' or '-')";
        }
        for (int i = 0; i < code.length(); ) {
            int c = code.codePointAt(i);
            if (!allowed(c)) {
                return "contains " + describe(c) + " (allowed: letters, digits, '.', '_', '-')";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    static boolean allowed(int c) {
        return Character.isLetter(c) || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
                || c == '.' || c == '_' || c == '-';
    }

    private static String describe(int c) {
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return String.format("a space or control character (U+%04X)", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }
}
