package io.periodclose.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one writer of every CSV the product produces (reports, reject reports, manifests, {@code jobs list}): RFC 4180,
 * header first, {@code \n} between records, and no cell a spreadsheet would run as a formula. Following OWASP's rule,
 * a text cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
 * {@code '}. Text is the default: every {@link String} cell is neutralised. Amounts the product formats itself are
 * numbers, not text, and stay machine-readable ({@code -12.50}): pass them through {@link #number} (or as a
 * {@link java.lang.Number}), which accepts only a plain decimal and treats anything else as text.
 */
public final class SafeCsv implements Closeable, Flushable {

    /** A cell that holds a plain decimal the product formatted, written as is. */
    public record Numeric(String value) {
    }

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final CSVPrinter printer;

    private SafeCsv(CSVPrinter printer) {
        this.printer = printer;
    }

    public static SafeCsv printer(Appendable out, String... header) {
        try {
            return new SafeCsv(new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                    .setHeader(header).get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell spreadsheets will not evaluate: {@code =1+2} becomes {@code '=1+2}; {@code null} stays empty. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** A formatted amount: kept as is when it is a plain decimal ({@code -12.50}), else neutralised as text. */
    public static Object number(String formatted) {
        if (formatted == null || formatted.isEmpty()) {
            return "";
        }
        return PLAIN_DECIMAL.matcher(formatted).matches() ? new Numeric(formatted) : text(formatted);
    }

    public void record(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = cell(cells[i]);
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Numeric numeric) {
            return numeric.value();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value.toString();
        }
        return text(value.toString());
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
