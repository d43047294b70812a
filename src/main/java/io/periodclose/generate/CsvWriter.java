package io.periodclose.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes RFC 4180 CSV (UTF-8, comma, "\n" line ends) fast enough for millions of rows.
 * Each row is assembled in a reusable char buffer and handed to the writer in one call, and numbers are
 * formatted by hand, so the hot loop allocates nothing per field.
 */
final class CsvWriter implements Closeable {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final Writer out;
    private char[] row = new char[512];
    private int length;
    private boolean rowStarted;
    private long rows;

    CsvWriter(Path file) throws IOException {
        this.out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    /** Writes the header row; header rows are not counted in {@link #rows()}. */
    CsvWriter header(String... names) throws IOException {
        for (String name : names) {
            text(name);
        }
        out.write(row, 0, length);
        out.write('\n');
        length = 0;
        rowStarted = false;
        return this;
    }

    /** Any text: quoted when it holds a comma, a quote, CR or LF, with its quotes doubled. */
    CsvWriter text(String value) {
        startField();
        if (!needsQuotes(value)) {
            return append(value);
        }
        put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                put('"');
            }
            put(c);
        }
        put('"');
        return this;
    }

    /** Text the caller knows never needs quoting (codes, dates, enum names), skipping the scan. */
    CsvWriter plain(String value) {
        startField();
        return append(value);
    }

    CsvWriter number(long value) {
        startField();
        return digits(value);
    }

    /** A prefix followed by a number zero-padded to {@code width} digits, such as {@code INV-2026-0000042}. */
    CsvWriter padded(String prefix, long value, int width) {
        startField();
        append(prefix);
        for (int n = digitCount(value); n < width; n++) {
            put('0');
        }
        return digits(value);
    }

    /** An amount given in minor units, written with exactly {@code minorDigits} decimals: 123450 → 1234.50. */
    CsvWriter amount(long minorUnits, int minorDigits) {
        startField();
        if (minorUnits < 0) {
            put('-');
            minorUnits = -minorUnits;
        }
        if (minorDigits == 0) {
            return digits(minorUnits);
        }
        long scale = POWERS_OF_TEN[minorDigits];
        digits(minorUnits / scale);
        put('.');
        long fraction = minorUnits % scale;
        for (int n = digitCount(fraction); n < minorDigits; n++) {
            put('0');
        }
        return digits(fraction);
    }

    void endRow() throws IOException {
        put('\n');
        out.write(row, 0, length);
        length = 0;
        rowStarted = false;
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    private void startField() {
        if (rowStarted) {
            put(',');
        }
        rowStarted = true;
    }

    private CsvWriter append(String value) {
        int n = value.length();
        ensure(n);
        value.getChars(0, n, row, length);
        length += n;
        return this;
    }

    private CsvWriter digits(long value) {
        int n = digitCount(value);
        ensure(n);
        for (int i = length + n - 1; i >= length; i--) {
            row[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        length += n;
        return this;
    }

    private void put(char c) {
        ensure(1);
        row[length++] = c;
    }

    private void ensure(int more) {
        if (length + more > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, length + more));
        }
    }
}
