package io.periodclose.importing;

import org.apache.commons.csv.CSVFormat;

/**
 * One record of an input file: the line it starts on, its raw fields, and the header that names them.
 * Fields beyond the record's length read as {@code null}, so a short row is rejected for its missing column.
 * {@code ordinaryText}: the reader found no NUL, surrogate or U+FFFD in it, so the checks need not look for them.
 */
public record CsvRow(long line, String[] values, CsvHeader header, String unreadable, boolean ordinaryText) {

    public CsvRow(long line, String[] values, CsvHeader header) {
        this(line, values, header, null, false);
    }

    CsvRow(long line, String[] values, CsvHeader header, boolean ordinaryText) {
        this(line, values, header, null, ordinaryText);
    }

    /** A record the CSV parser could not read: rejected alone with the parser's reason, the import goes on. */
    static CsvRow unreadable(long line, CsvHeader header, String reason) {
        return new CsvRow(line, new String[0], header, reason, false);
    }

    public String get(String column) {
        int index = header.indexOf(column);
        return index < values.length ? values[index] : null;
    }

    /** The value of an optional column; {@code null} when the header does not name it or the row stops short. */
    public String optional(String column) {
        return header.has(column) ? get(column) : null;
    }

    public boolean hasAllColumns() {
        return values.length >= header.size();
    }

    /** The record as CSV again, for the reject report: what the user has to fix. */
    public String asCsv() {
        return CSVFormat.RFC4180.format((Object[]) values);
    }
}
