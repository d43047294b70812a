package io.periodclose.files;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an identifier from the data into one path segment that can never name a parent, a sibling folder or an
 * absolute path. A valid distributor code stays as it is ({@code D0042}, {@code Д-001.а_1}); in anything else each
 * character outside the safe alphabet, and a leading {@code .} or {@code -}, is written as {@code ~HH} per UTF-8
 * byte ({@code ../x} becomes {@code ~2E.~2Fx}). {@code ~} is outside the alphabet, so an escaped name never equals a
 * valid code and the escaping can be undone: two different identifiers never share a file. {@code ~} is also safe
 * in a URL and passes the web tier's firewall, unlike {@code %}.
 */
public final class SafeFileName {

    /** File systems allow 255 bytes per name; room is left for the version suffix and {@code .partial}. */
    static final int MAX_BYTES = 200;

    private SafeFileName() {
    }

    public static String escape(String identifier) {
        return escape(identifier, null);
    }

    /**
     * The identifier as a path segment. {@code reservedEnding} is an ending the caller itself appends (a code ending
     * in {@code .r1} would otherwise share {@code D1.r1.pdf} with D1's first re-close): its first character is
     * escaped when the identifier ends that way.
     */
    public static String escape(String identifier, Pattern reservedEnding) {
        if (identifier == null || identifier.isEmpty()) {
            throw new UnsafePathException("an empty identifier cannot become a file name");
        }
        Matcher ending = reservedEnding == null ? null : reservedEnding.matcher(identifier);
        int reserved = ending != null && ending.find() ? ending.start() : -1;
        if (reserved < 0 && DistributorCode.isValid(identifier)) {
            return identifier;
        }
        StringBuilder escaped = new StringBuilder(identifier.length() + 8);
        for (int i = 0; i < identifier.length(); ) {
            int c = identifier.codePointAt(i);
            boolean leading = i == 0 && (c == '.' || c == '-');
            if (DistributorCode.allowed(c) && !leading && i != reserved) {
                escaped.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('~').append(String.format("%02X", b & 0xFF));
                }
            }
            i += Character.charCount(c);
        }
        String name = escaped.toString();
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new UnsafePathException("'" + identifier + "' is too long to become a file name, even escaped");
        }
        return name;
    }
}
