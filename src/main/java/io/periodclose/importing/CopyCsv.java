package io.periodclose.importing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}, written straight into UTF-8 bytes: this runs for
 * every row of every sales file, so numbers and dates are formatted by hand and ASCII text is copied byte by byte.
 * Text fields are always quoted, so an empty string is not NULL.
 */
final class CopyCsv {

    private byte[] bytes;
    private int length;
    private boolean rowStarted;

    CopyCsv(int capacity) {
        bytes = new byte[capacity];
    }

    /** Any text, quoted, with its quotes doubled. */
    CopyCsv text(String value) {
        startField();
        int n = value.length();
        ensure(2 * n + 2);
        int start = length;
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                length = start;
                return encodedText(value);
            }
            if (c == '"') {
                bytes[length++] = '"';
            }
            bytes[length++] = (byte) c;
        }
        bytes[length++] = '"';
        return this;
    }

    /** Text beyond ASCII: encoded as a whole, then quoted; a quote byte never occurs inside a multi-byte character. */
    private CopyCsv encodedText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(2 * utf8.length + 2);
        bytes[length++] = '"';
        for (byte b : utf8) {
            if (b == '"') {
                bytes[length++] = '"';
            }
            bytes[length++] = b;
        }
        bytes[length++] = '"';
        return this;
    }

    /** Text the caller knows to be ASCII without commas, quotes or line breaks: enum names, currency codes. */
    CopyCsv plain(String value) {
        startField();
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    CopyCsv number(long value) {
        startField();
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return plainDigits(Long.toString(value));
            }
            ensure(1);
            bytes[length++] = '-';
            value = -value;
        }
        digits(value, 1);
        return this;
    }

    /** As {@link BigDecimal#toPlainString()}, without building a string for the common case. */
    CopyCsv decimal(BigDecimal value) {
        int scale = value.scale();
        if (value.signum() < 0 || scale < 0 || value.precision() > 18) {
            startField();
            return plainDigits(value.toPlainString());
        }
        startField();
        long unscaled = value.unscaledValue().longValue();
        if (scale == 0) {
            digits(unscaled, 1);
            return this;
        }
        long power = 1;
        for (int i = 0; i < scale; i++) {
            power *= 10;
        }
        digits(unscaled / power, 1);
        ensure(1);
        bytes[length++] = '.';
        digits(unscaled % power, scale);
        return this;
    }

    /** ISO {@code YYYY-MM-DD}, as {@link LocalDate#toString()} writes years 0 to 9999. */
    CopyCsv date(LocalDate date) {
        startField();
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return plainDigits(date.toString());
        }
        digits(year, 4);
        ensure(1);
        bytes[length++] = '-';
        digits(date.getMonthValue(), 2);
        ensure(1);
        bytes[length++] = '-';
        digits(date.getDayOfMonth(), 2);
        return this;
    }

    /** Fields already written as COPY text by another {@code CopyCsv}. */
    CopyCsv fields(byte[] text) {
        startField();
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    void endRow() {
        ensure(1);
        bytes[length++] = '\n';
        rowStarted = false;
    }

    int length() {
        return length;
    }

    /** The bytes written so far, which are then forgotten. */
    byte[] take() {
        byte[] taken = Arrays.copyOf(bytes, length);
        length = 0;
        rowStarted = false;
        return taken;
    }

    private CopyCsv plainDigits(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A non-negative number, zero-padded to at least {@code width} digits. */
    private void digits(long value, int width) {
        int n = 1;
        for (long rest = value; rest >= 10; rest /= 10) {
            n++;
        }
        n = Math.max(n, width);
        ensure(n);
        for (int i = length + n - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += n;
    }

    private void startField() {
        if (rowStarted) {
            ensure(1);
            bytes[length++] = ',';
        }
        rowStarted = true;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
