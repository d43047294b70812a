package io.periodclose.importing;

import org.apache.commons.csv.CSVFormat;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The records of a CSV text, as commons-csv's {@code CSVParser} with {@link CsvInputFile#format} reads them (RFC 4180,
 * strict: no text after a closing quote, no end of file inside quotes), record by record and without a parser per
 * file. A line with no quote is split at its delimiters (without quotes, no escape, comment or trimming applies); a
 * line with a quote is read from its start as commons-csv's lexer reads it, on over the lines a quoted value spans.
 *
 * <p>Unlike commons-csv, a broken quote costs one line, not the rest of the file: when the text ends inside quotes,
 * when a quoted value spans more than {@link #MAX_SPAN_CHARS} past its record's first line, when text follows a
 * closing quote, or when a record that spans lines does not have the expected number of fields, {@link #next()}
 * throws an {@link UnreadableRecord} for the record's first line alone and goes on with the line after it.
 */
final class CsvRecords implements Closeable {

    private static final int BUFFER_CHARS = 64 * 1024;
    /**
     * How far past its first line a record may run inside quotes: a quote never closed would otherwise hold the rest
     * of the file in memory before its line could be rejected. Far above any value's limit (FieldLimits), so a
     * record this long is a reject anyway.
     */
    static final int MAX_SPAN_CHARS = 1 << 20;

    private final Reader reader;
    private final char delimiter;
    private final int maxSpanChars;
    private char[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Lines ended before the current position, as commons-csv counts them ({@code \r\n} once). */
    private long lines;
    /** Where the delimiters of the line being split are, relative to its start. */
    private int[] delimiters = new int[32];
    private boolean ordinaryText;
    /** The header's number of fields, which a record spanning lines must have; 0 while not known. */
    private int expectedFields;

    CsvRecords(Reader reader, CSVFormat format) {
        this(reader, format, BUFFER_CHARS, MAX_SPAN_CHARS);
    }

    /** {@code bufferChars}: where the text is read into, grown for a longer line; small in tests of its edges. */
    CsvRecords(Reader reader, CSVFormat format, int bufferChars) {
        this(reader, format, bufferChars, MAX_SPAN_CHARS);
    }

    CsvRecords(Reader reader, CSVFormat format, int bufferChars, int maxSpanChars) {
        if (format.getDelimiterString().length() != 1) {
            throw new IllegalArgumentException("one-character delimiters only: " + format.getDelimiterString());
        }
        // the lexer below is commons-csv's for exactly these settings
        if (!Character.valueOf('"').equals(format.getQuoteCharacter()) || format.isEscapeCharacterSet()
                || format.isCommentMarkerSet() || format.getIgnoreSurroundingSpaces() || format.getTrim()
                || format.getIgnoreEmptyLines() || format.getTrailingData() || format.getLenientEof()
                || format.getNullString() != null || format.getTrailingDelimiter()) {
            throw new IllegalArgumentException("RFC 4180 without leniency only: " + format);
        }
        this.buffer = new char[bufferChars];
        this.reader = reader;
        this.delimiter = format.getDelimiterString().charAt(0);
        this.maxSpanChars = maxSpanChars;
    }

    /** The lines read so far, as commons-csv counts them; the next record starts on the line after. */
    long currentLineNumber() {
        return lines;
    }

    /** From now on, a record that spans lines must have {@code fields} fields, or its first line is unreadable. */
    void expectFields(int fields) {
        expectedFields = fields;
    }

    /**
     * Whether the record {@link #next()} gave last is known to hold no NUL character, no surrogate and no U+FFFD (a
     * byte the decoder could not read), which the row checks look for: so they need not look again.
     */
    boolean ordinaryText() {
        return ordinaryText;
    }

    /**
     * The next record's values, in a new array. At the end, a {@link NoSuchElementException}; for a record that
     * cannot be read, an {@link UnreadableRecord} (the next call goes on with the line after the record's first).
     */
    String[] next() {
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
            } else if (c == '\r') {
                if (i + 1 == limit && !endOfInput) {
                    int shift = fill(start);
                    start -= shift;
                    i -= shift;
                    continue; // whether \n follows is in the next block
                }
                position = i + 1 < limit && buffer[i + 1] == '\n' ? i + 2 : i + 1; // a lone \r ends a line too
                lines++;
                return split(start, i, count);
            } else if (c == '"') {
                position = start;
                return quotedRecord();
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

    private static final int FIELD_START = 0;
    private static final int PLAIN = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    /**
     * The record from {@link #position}, a line with a quote, read as commons-csv's lexer reads it: a quote opens a
     * quoted value only as a field's first character, two quotes inside one stand for one, whitespace between a
     * closing quote and the delimiter is dropped. First finds where the record ends (reading on over the lines a
     * quoted value spans), then, the whole record in the buffer, splits it.
     */
    private String[] quotedRecord() throws IOException {
        int start = position;
        int i = start;
        int state = FIELD_START;
        int fields = 1;
        long lineEnds = 0;
        int secondLine = -1; // where the record's second line starts, once a quoted value has run into it
        long lineEndsBeforeQuote = 0;
        while (true) {
            int c = i == limit ? -1 : buffer[i];
            // what a \r or a quote means depends on the character after it
            if ((i == limit || (c == '\r' || c == '"') && i + 1 == limit) && !endOfInput) {
                int shift = fill(start);
                start -= shift;
                i -= shift;
                if (secondLine >= 0) {
                    secondLine -= shift;
                }
                continue;
            }
            if (c == 0 || c >= Character.MIN_SURROGATE) {
                ordinaryText = false;
            }
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') {
                        lineEndsBeforeQuote = lineEnds;
                        state = QUOTED;
                        i++;
                    } else {
                        state = PLAIN;
                    }
                }
                case QUOTED -> {
                    if (c == -1) {
                        throw unreadable(start, secondLine, lineEndsBeforeQuote == 0
                                ? "a quote opened on this line is never closed"
                                : "a quote opened on line " + (lines + 1 + lineEndsBeforeQuote)
                                        + " of the record starting on this line is never closed");
                    } else if (c == '"') {
                        if (i + 1 < limit && buffer[i + 1] == '"') {
                            i += 2;
                        } else {
                            state = AFTER_QUOTE;
                            i++;
                        }
                    } else if (c == '\n' || c == '\r') {
                        i += c == '\r' && i + 1 < limit && buffer[i + 1] == '\n' ? 2 : 1;
                        lineEnds++;
                        if (secondLine < 0) {
                            secondLine = i;
                        }
                    } else {
                        i++;
                    }
                    if (secondLine >= 0 && i - secondLine > maxSpanChars) {
                        throw unreadable(start, secondLine, "a quote opened on this line is not closed within the "
                                + String.format(Locale.ROOT, "%,d", maxSpanChars) + " characters after it");
                    }
                }
                case AFTER_QUOTE -> {
                    if (c != delimiter && c != -1 && c != '\n' && c != '\r') {
                        if (!Character.isWhitespace((char) c)) {
                            throw unreadable(start, secondLine, secondLine < 0
                                    ? "text after the closing quote of field " + fields
                                            + " (a quote inside a quoted value is written twice)"
                                    : "a quote opened on this line closes on line " + (lines + 1 + lineEnds)
                                            + " with text after it (an unbalanced quote?)");
                        }
                        i++;
                    } else {
                        state = PLAIN;
                    }
                }
                default -> {
                    if (c == delimiter) {
                        fields++;
                        state = FIELD_START;
                        i++;
                    } else if (c == -1 || c == '\n' || c == '\r') {
                        return endOfQuotedRecord(start, i, c, fields, lineEnds, secondLine);
                    } else {
                        i++;
                    }
                }
            }
        }
    }

    /** The record from {@code start} that ends at {@code i} with the line end or end of text {@code c}. */
    private String[] endOfQuotedRecord(int start, int i, int c, int fields, long lineEnds, int secondLine) {
        if (secondLine >= 0 && expectedFields > 0 && fields != expectedFields) {
            // a quote that opens a value on one line and closes it on another is a stray one far more often than a
            // value with line breaks: the record's fields show which
            throw unreadable(start, secondLine, "a quote opened on this line closes on line " + (lines + 1 + lineEnds)
                    + ", in a record of " + fields + " fields, the header " + expectedFields
                    + " (an unbalanced quote?)");
        }
        int end = c == '\r' && i + 1 < limit && buffer[i + 1] == '\n' ? i + 2 : c == -1 ? i : i + 1;
        String[] values = splitQuoted(start, i, fields);
        position = end;
        lines += lineEnds + 1; // the record's last line, ended or (as commons-csv counts it) at the end of the text
        return values;
    }

    /** The values of a record checked by {@link #quotedRecord()}, from {@code start} to its line end {@code end}. */
    private String[] splitQuoted(int start, int end, int fields) {
        String[] values = new String[fields];
        int i = start;
        for (int k = 0; k < fields; k++) {
            if (i < end && buffer[i] == '"') {
                int from = ++i;
                boolean doubled = false;
                while (buffer[i] != '"' || i + 1 < end && buffer[i + 1] == '"') {
                    if (buffer[i] == '"') {
                        doubled = true;
                        i++;
                    }
                    i++;
                }
                String value = new String(buffer, from, i - from);
                values[k] = doubled ? value.replace("\"\"", "\"") : value;
                i++;
                while (i < end && buffer[i] != delimiter) {
                    i++; // whitespace after the closing quote, dropped
                }
            } else {
                int from = i;
                while (i < end && buffer[i] != delimiter) {
                    i++;
                }
                values[k] = new String(buffer, from, i - from);
            }
            i++;
        }
        return values;
    }

    /**
     * The record from {@code start} cannot be read: its first line is rejected alone and reading goes on with the
     * line after it, which {@code secondLine} gives when a quoted value ran into it.
     */
    private UnreadableRecord unreadable(int start, int secondLine, String reason) {
        lines++;
        if (secondLine >= 0) {
            position = secondLine;
            return new UnreadableRecord(reason);
        }
        int i = start;
        try {
            while (true) {
                if (i + 1 >= limit && !endOfInput) {
                    int shift = fill(i);
                    i -= shift;
                    continue;
                }
                if (i == limit) {
                    position = i;
                    break;
                }
                char c = buffer[i];
                if (c == '\n' || c == '\r') {
                    position = c == '\r' && i + 1 < limit && buffer[i + 1] == '\n' ? i + 2 : i + 1;
                    break;
                }
                i++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new UnreadableRecord(reason);
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

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A record that cannot be read; its first line is behind, the next call reads on from the line after it. */
    static final class UnreadableRecord extends RuntimeException {
        UnreadableRecord(String reason) {
            super(reason, null, false, false);
        }
    }
}
