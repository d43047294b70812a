package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Distributor;
import io.periodclose.importing.RowParsers.Target;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Master data keys already seen in the file being imported. Two rows for one distributor (or one distributor's
 * target of one quarter) with different content would otherwise both be "accepted" and the last would silently
 * win; the second is rejected as a conflict naming the line of the first, as a sales line is. The same row twice
 * is an unchanged duplicate. Sales lines, claims and payments are compared with what is stored, which already
 * covers rows of the same file: they are not kept here.
 */
final class KeysInFile {

    private record Seen(long line, Object record) {
    }

    private static final KeysInFile NOT_KEPT = new KeysInFile(null, null, null, null);

    /** Null for the kinds whose rows are compared with the stored ones instead. */
    private final Function<Object, String> key;
    private final BiPredicate<Object, Object> same;
    private final Function<String, String> describe;
    private final String onePer;
    private final Map<String, Seen> seen = new HashMap<>();

    private KeysInFile(Function<Object, String> key, BiPredicate<Object, Object> same,
                       Function<String, String> describe, String onePer) {
        this.key = key;
        this.same = same;
        this.describe = describe;
        this.onePer = onePer;
    }

    static KeysInFile of(ImportKind kind) {
        return switch (kind) {
            case DISTRIBUTORS -> new KeysInFile(record -> ((Distributor) record).code(), Object::equals,
                    key -> "distributor " + key, "distributor");
            case TARGETS -> new KeysInFile(
                    record -> ((Target) record).distributorCode() + " " + ((Target) record).period(),
                    (a, b) -> ((Target) a).amount().compareTo(((Target) b).amount()) == 0,
                    key -> "the target of " + key, "distributor and quarter");
            case SALES, CLAIMS, PAYMENTS -> NOT_KEPT;
        };
    }

    /** Remembers the record's key, or rejects it when an earlier line of the file gave the key other content. */
    void check(Object record, long line) throws RowRejected {
        if (key == null) {
            return;
        }
        String recordKey = key.apply(record);
        Seen earlier = seen.putIfAbsent(recordKey, new Seen(line, record));
        if (earlier != null && earlier.line() != line && !same.test(earlier.record(), record)) {
            throw new RowRejected("conflicts with line " + earlier.line() + " of this file, which gives "
                    + describe.apply(recordKey) + " other values (one row per " + onePer + " in a file)");
        }
    }
}
