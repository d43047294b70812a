package io.periodclose.rebate;

import java.math.BigDecimal;

/**
 * Compact JSON in UTF-8, written into a byte array that is reused from one document to the next: what
 * {@link RebateExplanation} needs and no more (objects, arrays, strings, decimals as strings, whole numbers,
 * booleans, nulls). Its output is byte for byte what Jackson's default generator writes for the same calls
 * (RebateExplanationTest holds it to that): the same escapes ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other
 * control characters as a backslash, {@code u} and four hex digits), everything else as UTF-8. A close writes one explanation per distributor,
 * mostly before the JVM has compiled this code, so the path per character is kept short.
 */
final class JsonBytes {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private byte[] bytes = new byte[2048];
    private int length;
    /** Whether the object or array being written has no member yet: the next one needs no comma. */
    private boolean first = true;

    /** Starts a new document, forgetting the previous one's bytes. */
    JsonBytes reset() {
        length = 0;
        first = true;
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    JsonBytes startObject() {
        if (!first) {
            put((byte) ',');
        }
        put((byte) '{');
        first = true;
        return this;
    }

    JsonBytes endObject() {
        put((byte) '}');
        first = false;
        return this;
    }

    JsonBytes startArray(String name) {
        name(name);
        put((byte) '[');
        first = true;
        return this;
    }

    JsonBytes endArray() {
        put((byte) ']');
        first = false;
        return this;
    }

    JsonBytes string(String name, String value) {
        name(name);
        if (value == null) {
            ascii("null");
        } else {
            quoted(value);
        }
        first = false;
        return this;
    }

    /** A decimal as the string of its plain digits ({@link BigDecimal#toPlainString}), so no reader rounds it. */
    JsonBytes decimal(String name, BigDecimal value) {
        name(name);
        if (value == null) {
            ascii("null");
        } else {
            put((byte) '"');
            ascii(value.toPlainString());
            put((byte) '"');
        }
        first = false;
        return this;
    }

    JsonBytes number(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        first = false;
        return this;
    }

    JsonBytes bool(String name, boolean value) {
        name(name);
        ascii(value ? "true" : "false");
        first = false;
        return this;
    }

    private void name(String name) {
        if (!first) {
            put((byte) ',');
        }
        quoted(name);
        put((byte) ':');
    }

    private void quoted(String value) {
        int n = value.length();
        ensure(2 + 6 * n); // at most six bytes per char (a control character's escape), three of UTF-8, four per surrogate pair
        byte[] b = bytes;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    b[at++] = '\\';
                }
                b[at++] = (byte) c;
            } else if (c < 0x20) {
                at = escape(b, at, c);
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else {
                char low = i + 1 < n ? value.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    throw new IllegalArgumentException("a lone surrogate U+%04X in %s".formatted((int) c, value));
                }
                int code = Character.toCodePoint(c, low);
                i++;
                b[at++] = (byte) (0xF0 | code >> 18);
                b[at++] = (byte) (0x80 | code >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | code >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | code & 0x3F);
            }
        }
        b[at++] = '"';
        length = at;
    }

    private static int escape(byte[] b, int at, char c) {
        b[at++] = '\\';
        char shortForm = switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            b[at++] = (byte) shortForm;
            return at;
        }
        b[at++] = 'u';
        b[at++] = '0';
        b[at++] = '0';
        b[at++] = HEX[c >> 4];
        b[at++] = HEX[c & 0xF];
        return at;
    }

    /** Text known to be ASCII: keywords, digits, a decimal's plain string. */
    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
