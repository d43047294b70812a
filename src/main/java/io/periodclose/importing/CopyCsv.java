package io.periodclose.importing;

/** Text fields for PostgreSQL's {@code COPY ... (FORMAT csv)}: always quoted, so an empty string is not NULL. */
final class CopyCsv {

    private CopyCsv() {
    }

    static StringBuilder text(StringBuilder csv, String value) {
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }
}
