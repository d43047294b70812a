package io.periodclose.importing;

/**
 * Bounds what a reject echoes: a reason quotes the offending value, and the reject report repeats the record, but a
 * 10 MB field must not become a 10 MB reason. Cut texts end in {@code …} and say how long they were.
 */
final class Shown {

    /** The most characters of a value quoted in a message. */
    static final int VALUE = 80;
    /** The most characters of a reject's reason. */
    static final int REASON = 500;
    /** The most characters of a rejected record echoed in the reject report and {@code import_reject}. */
    static final int RECORD = 2000;

    private Shown() {
    }

    static String value(String text) {
        return cut(text, VALUE);
    }

    static String reason(String text) {
        return storable(cut(text, REASON));
    }

    static String record(String text) {
        return storable(cut(text, RECORD));
    }

    /**
     * Text PostgreSQL takes: its text type refuses the NUL character, shown as {@code ␀} instead, and a lone
     * surrogate (no character at all) becomes U+FFFD.
     */
    static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (c == 0) {
                replacement = "\u2400";
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                replacement = "\uFFFD";
            }
            if (replacement != null && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return clean == null ? text : clean.toString();
    }

    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = limit;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
