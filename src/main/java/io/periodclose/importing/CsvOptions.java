package io.periodclose.importing;

import io.periodclose.BadInputException;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * How an input file is written when it is not SPEC §2's UTF-8 with commas and decimal dots: 1C and Excel in Russia
 * export Windows-1251 text separated by {@code ;} with decimal commas ({@code 1234,50}). Carried as job parameters,
 * so a restarted import reads the file the same way.
 *
 * @param encoding     the file's character set; UTF-8 by default
 * @param delimiter    the field separator; {@code ,} by default
 * @param decimalComma amounts are written {@code 1234,50} (a dot in an amount is then rejected)
 */
public record CsvOptions(Charset encoding, char delimiter, boolean decimalComma) {

    public static final CsvOptions DEFAULT = new CsvOptions(StandardCharsets.UTF_8, ',', false);

    static final String ENCODING = "encoding";
    static final String DELIMITER = "delimiter";
    static final String DECIMAL_COMMA = "decimal.comma";

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == '.') {
            throw new BadInputException("the delimiter cannot be " + describe(delimiter));
        }
        if (decimalComma && delimiter == ',') {
            throw new BadInputException("--decimal-comma needs another delimiter than ',' (for example --delimiter ';')");
        }
    }

    /** From the command line's words: an encoding name, a one-character delimiter ({@code \t} or {@code tab} for a tab). */
    public static CsvOptions of(String encoding, String delimiter, boolean decimalComma) {
        return new CsvOptions(charset(encoding == null ? "UTF-8" : encoding), delimiter(delimiter == null ? "," : delimiter),
                decimalComma);
    }

    static Charset charset(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadInputException("unknown encoding '" + name + "' (for example UTF-8 or windows-1251)");
        }
    }

    static char delimiter(String text) {
        String value = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
        if (value.length() != 1) {
            throw new BadInputException("the delimiter must be one character, not '" + text + "' (for example ';')");
        }
        return value.charAt(0);
    }

    boolean utf8() {
        return encoding.equals(StandardCharsets.UTF_8);
    }

    /** The delimiter as the command line takes it back. */
    String delimiterWord() {
        return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
    }

    private static String describe(char c) {
        return c == '\r' || c == '\n' ? "a line break" : "'" + c + "'";
    }

    @Override
    public String toString() {
        return "encoding " + encoding.name().toLowerCase(Locale.ROOT) + ", delimiter '" + delimiterWord() + "'"
                + (decimalComma ? ", decimal comma" : "");
    }
}
