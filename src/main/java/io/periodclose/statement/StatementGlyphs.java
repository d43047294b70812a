package io.periodclose.statement;

import java.awt.Font;

/**
 * Can the statements print this text: which characters Statement Sans ({@link StatementFont}) has a glyph for. The
 * one answer the renderer refuses a statement by and the import rejects a row by, so that what an import accepts a
 * statement can print.
 *
 * <p>The same test as {@link Font#canDisplayUpTo(String)}, char by char and a surrogate pair as its code point, with
 * the answer for each char of the Basic Multilingual Plane remembered once asked: an import asks for the same few
 * hundred characters again and again. Characters outside it (emoji, rarer CJK) are asked of the font each time.
 */
public final class StatementGlyphs {

    private static final byte UNKNOWN = 0;
    private static final byte PRINTABLE = 1;
    private static final byte MISSING = 2;

    /** Per BMP char; a race only asks the font twice for the same answer. */
    private static final byte[] KNOWN = new byte[Character.MAX_VALUE + 1];

    private StatementGlyphs() {
    }

    /** The font's name, as messages name it. */
    public static String fontName() {
        return StatementFont.get().getFontName();
    }

    /**
     * The index of the first char of {@code text} the statement font has no glyph for (the high surrogate of a pair
     * whose character it lacks), or -1 when it can print all of it, as {@link Font#canDisplayUpTo(String)}.
     */
    public static int firstMissing(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            byte known = KNOWN[c];
            if (known == PRINTABLE) {
                continue;
            }
            if (known == UNKNOWN) {
                known = StatementFont.get().canDisplay(c) ? PRINTABLE : MISSING;
                KNOWN[c] = known;
                if (known == PRINTABLE) {
                    continue;
                }
            }
            if (!Character.isHighSurrogate(c)) {
                return i;
            }
            if (!StatementFont.get().canDisplay(text.codePointAt(i))) {
                return i;
            }
            i++; // a supplementary character the font has
        }
        return -1;
    }

    /** Whether the statements can print all of {@code text}. */
    public static boolean printable(String text) {
        return firstMissing(text) < 0;
    }

    /** The character at {@code index} as messages show it: {@code U+1F4DA '📚'}. */
    public static String describe(String text, int index) {
        int codePoint = text.codePointAt(index);
        return String.format("U+%04X '%s'", codePoint, new String(Character.toChars(codePoint)));
    }
}
