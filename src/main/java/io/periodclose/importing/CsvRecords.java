package io.periodclose.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of a CSV text, as commons-csv's {@link CSVParser} with {@link CsvInputFile#format} reads them, but
 * without its cost for the lines most files consist of: a line with no quote and no carriage return other than a
 * final {@code \r\n} is split at its delimiters here (commons-csv would give the same values: without quotes, no
 * escape, comment or trimming applies). From the first line that has a quote or a lone carriage return on, the rest
 * of the text goes to commons-csv, which then reads every record, with its line numbers counted on from there.
 */
final class CsvRecords implements Closeable {

    private static final int BUFFER_CHARS = 64 * 1024;

    private final Reader reader;
    private final CSVFormat format;
    private final char delimiter;
    private char[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Lines ended before the current position, as commons-csv counts them ({@code \r\n} once). */
    private long lines;
    /** Where the delimiters of the line being split are, relative to its start. */
    private int[] delimiters = new int[32];
    private CSVParser parser;
    private Iterator<CSVRecord> parsed;
    private boolean ordinaryText;

    CsvRecords(Reader reader, CSVFormat format) {
        this(reader, format, BUFFER_CHARS);
    }

    /** {@code bufferChars}: where the text is read into, grown for a longer line; small in tests of its edges. */
    CsvRecords(Reader reader, CSVFormat format, int bufferChars) {
        this.buffer = new char[bufferChars];
        this.reader = reader;
        this.format = format;
        this.delimiter = format.getDelimiterString().charAt(0);
        if (format.getDelimiterString().length() != 1) {
            throw new IllegalArgumentException("one-character delimiters only: " + format.getDelimiterString());
        }
    }

    /** {@link CSVParser#getCurrentLineNumber()}: the lines read so far; the next record starts on the line after. */
    long currentLineNumber() {
        return parser == null ? lines : lines + parser.getCurrentLineNumber();
    }

    /**
     * Whether the record {@link #next()} gave last is known to hold no NUL character, no surrogate and no U+FFFD (a
     * byte the decoder could not read), which the row checks look for: so they need not look again. False when not
     * known (a record read by commons-csv).
     */
    boolean ordinaryText() {
        return parsed == null && ordinaryText;
    }

    /**
     * The next record's values, in a new array. At the end, a {@link NoSuchElementException}; a record commons-csv
     * cannot read, what its iterator throws (it goes on with the next record).
     */
    String[] next() {
        if (parsed != null) {
            return parsed.next().values();
        }
        try {
            return plainLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String[] plainLine() throws IOException {
        ordinaryText = true;
        int start = position;
        int count = 0;
        int i = start;
        while (true) {
            if (i == limit) {
                if (!endOfInput) {
                    int shift = fill(start);
                    start -= shift;
                    i -= shift;
                    continue;
                }
                if (i == start) {
                    throw new NoSuchElementException();
                }
                position = i;
                lines++; // commons-csv counts the last line, unended, at the end of the text
                return split(start, i, count);
            }
            char c = buffer[i];
            if (c == delimiter) {
                if (count == delimiters.length) {
                    delimiters = Arrays.copyOf(delimiters, 2 * count);
                }
                delimiters[count++] = i - start;
            } else if (c > '"' && c < Character.MIN_SURROGATE) {
                // the usual character: nothing to note
            } else if (c == 0 || c >= Character.MIN_SURROGATE) {
                ordinaryText = false; // a NUL, a surrogate, U+FFFD or another character from there up
            } else if (c == '\n') {
                position = i + 1;
                lines++;
                return split(start, i, count);
            } else if (c == '\r' && !(i + 1 < limit && buffer[i + 1] == '\n')) {
                if (i + 1 == limit && !endOfInput) {
                    int shift = fill(start);
                    start -= shift;
                    i -= shift;
                    continue; // whether \n follows is in the next block
                }
                return handOver(start);
            } else if (c == '\r') {
                position = i + 2;
                lines++;
                return split(start, i, count);
            } else if (c == '"') {
                return handOver(start);
            }
            i++;
        }
    }

    private String[] split(int start, int end, int count) {
        String[] values = new String[count + 1];
        int from = start;
        for (int k = 0; k < count; k++) {
            int at = start + delimiters[k];
            values[k] = new String(buffer, from, at - from);
            from = at + 1;
        }
        values[count] = new String(buffer, from, end - from);
        return values;
    }

    /**
     * Moves the unread text from {@code start} to the front of the buffer, growing it when a line fills it, and reads
     * more; returns how far the text moved.
     */
    private int fill(int start) throws IOException {
        int unread = limit - start;
        if (start == 0 && unread == buffer.length) {
            buffer = Arrays.copyOf(buffer, 2 * buffer.length);
        } else if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, unread);
        }
        limit = unread;
        int read = reader.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
        return start;
    }

    /** The rest of the text, from the line at {@code start}, goes to commons-csv. */
    private String[] handOver(int start) throws IOException {
        char[] rest = Arrays.copyOfRange(buffer, start, limit);
        buffer = null;
        Reader remaining = new Reader() {
            private int at;

            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (at < rest.length) {
                    int n = Math.min(length, rest.length - at);
                    System.arraycopy(rest, at, target, offset, n);
                    at += n;
                    return n;
                }
                return endOfInput ? -1 : reader.read(target, offset, length);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
        parser = format.parse(remaining);
        parsed = parser.iterator();
        return parsed.next().values();
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        } else {
            reader.close();
        }
    }
}
