package io.periodclose.database;

import org.postgresql.copy.CopyIn;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}: every field goes in the server's own binary
 * form, so the server parses no text, no numbers and no dates. Each row is a field count followed by its fields,
 * each a length and the value's bytes; a stream starts with {@link #HEADER} and ends with {@link #TRAILER}.
 */
public final class CopyBinary {

    /** The signature, no flags, no header extension. */
    public static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1. */
    public static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** Days from 1970-01-01, where {@link LocalDate#toEpochDay()} counts from, to 2000-01-01, PostgreSQL's day 0. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};

    private byte[] bytes;
    private int length;
    private short[] digits = new short[16];
    private final OutputStream stream = new OutputStream() {
        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int count) {
            ensure(count);
            System.arraycopy(b, offset, bytes, length, count);
            length += count;
        }
    };

    public CopyBinary(int capacity) {
        bytes = new byte[capacity];
    }

    public CopyBinary fieldCount(int count) {
        return int16(count);
    }

    /** A text, varchar or char value, in UTF-8 as the server stores it. */
    public CopyBinary text(String value) {
        int n = value.length();
        ensure(4 + n);
        int start = length;
        length += 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                length = start;
                return bytesField(value.getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        putInt(start, n);
        return this;
    }

    /** A text, varchar, char or json value already encoded in UTF-8. */
    public CopyBinary utf8(byte[] value) {
        return bytesField(value);
    }

    public CopyBinary int4(int value) {
        ensure(8);
        putInt(length, 4);
        putInt(length + 4, value);
        length += 8;
        return this;
    }

    public CopyBinary int8(long value) {
        ensure(12);
        putInt(length, 8);
        putInt(length + 4, (int) (value >>> 32));
        putInt(length + 8, (int) value);
        length += 12;
        return this;
    }

    /** SQL NULL: a field length of -1 and no bytes. */
    public CopyBinary nullValue() {
        ensure(4);
        putInt(length, -1);
        length += 4;
        return this;
    }

    public CopyBinary bool(boolean value) {
        ensure(5);
        putInt(length, 1);
        bytes[length + 4] = (byte) (value ? 1 : 0);
        length += 5;
        return this;
    }

    /** A numeric, or NULL for {@code null}. */
    public CopyBinary numericOrNull(BigDecimal value) {
        return value == null ? nullValue() : numeric(value);
    }

    /**
     * A date as days since 2000-01-01. PostgreSQL refuses year 0 when it reads a date as text, and so does this: the
     * row would otherwise be stored as a date before Christ.
     */
    public CopyBinary date(LocalDate date) {
        if (date.getYear() < 1) {
            throw new IllegalArgumentException("date/time field value out of range: " + date);
        }
        return int4(Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY));
    }

    /**
     * A numeric: base-10000 digits aligned on the decimal point, the weight of the first one, the sign and the
     * display scale, exactly as the server would have parsed {@link BigDecimal#toPlainString()}.
     */
    public CopyBinary numeric(BigDecimal value) {
        int scale = value.scale();
        if (scale < 0) {
            value = value.setScale(0);
            scale = 0;
        }
        int pad = (4 - scale % 4) % 4;
        int fractionGroups = (scale + pad) / 4;
        int count = 0;
        if (value.precision() + pad <= 18) {
            // the unscaled value as a long without a BigInteger: a BigDecimal of scale 0 gives its compact value
            long rest = Math.abs(value.scaleByPowerOfTen(scale).longValue()) * POWERS_OF_TEN[pad];
            while (rest != 0) {
                count = push(count, (short) (rest % 10_000));
                rest /= 10_000;
            }
        } else {
            BigInteger rest = value.unscaledValue().abs().multiply(BigInteger.TEN.pow(pad));
            BigInteger base = BigInteger.valueOf(10_000);
            while (rest.signum() != 0) {
                BigInteger[] quotientAndRemainder = rest.divideAndRemainder(base);
                count = push(count, quotientAndRemainder[1].shortValue());
                rest = quotientAndRemainder[0];
            }
        }
        // digits[0] is the least significant group; drop trailing zero groups, they carry nothing
        int lowest = 0;
        while (lowest < count && digits[lowest] == 0) {
            lowest++;
        }
        int weight = count == 0 ? 0 : count - fractionGroups - 1;
        int ndigits = count - lowest;
        ensure(4 + 8 + 2 * ndigits);
        putInt(length, 8 + 2 * ndigits);
        length += 4;
        int16(ndigits);
        int16(weight);
        int16(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int16(scale);
        for (int i = count - 1; i >= lowest; i--) {
            int16(digits[i]);
        }
        return this;
    }

    /**
     * Opens a field whose bytes are then written to {@link #stream()}, such as a JSON generator's output, so that they
     * need no array of their own; {@link #endField} closes it. Returns where the field starts.
     */
    public int beginField() {
        ensure(4);
        int start = length;
        length += 4;
        return start;
    }

    /** Closes the field opened at {@code start}: its length is what was written since. */
    public CopyBinary endField(int start) {
        putInt(start, length - start - 4);
        return this;
    }

    /** Appends to the rows: the body of a field opened by {@link #beginField}. */
    public OutputStream stream() {
        return stream;
    }

    /** Fields already written by another {@code CopyBinary}. */
    public CopyBinary fields(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    public int length() {
        return length;
    }

    /**
     * What a {@code COPY} is sent a segment at a time: once this much is encoded. Far below what the collector takes
     * for a humongous object (half a G1 region, at least 512 kB), however many rows a chunk has.
     */
    public static final int SEGMENT_BYTES = 64 * 1024;

    /** Writes one item's row, its field count and fields, into the rows. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(CopyBinary rows, T item);
    }

    /**
     * Sends {@code items} to {@code copy}, which was just opened on a binary {@code COPY}, and ends it: the header,
     * each item's row as {@code row} writes it into this buffer, and the trailer. The bytes go to the server a
     * {@link #SEGMENT_BYTES} segment at a time, as they are encoded, without a copy of them, so the buffer stays
     * small and the server stores the first rows while the last are still being encoded. A failure cancels the
     * {@code COPY}. Returns the rows the server stored.
     */
    public <T> long copy(CopyIn copy, Iterable<? extends T> items, RowWriter<T> row) throws SQLException {
        try {
            fields(HEADER);
            for (T item : items) {
                row.write(this, item);
                if (length >= SEGMENT_BYTES) {
                    sendTo(copy);
                }
            }
            fields(TRAILER);
            sendTo(copy);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void sendTo(CopyIn copy) throws SQLException {
        if (length > 0) {
            copy.writeToCopy(bytes, 0, length);
            length = 0;
        }
    }

    /** The bytes written so far, which are then forgotten. */
    public byte[] take() {
        byte[] taken = Arrays.copyOf(bytes, length);
        length = 0;
        return taken;
    }

    private int push(int count, short digit) {
        if (count == digits.length) {
            digits = Arrays.copyOf(digits, 2 * count);
        }
        digits[count] = digit;
        return count + 1;
    }

    private CopyBinary bytesField(byte[] value) {
        ensure(4 + value.length);
        putInt(length, value.length);
        System.arraycopy(value, 0, bytes, length + 4, value.length);
        length += 4 + value.length;
        return this;
    }

    private CopyBinary int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    private void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
