package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Distributor;
import io.periodclose.importing.RowParsers.Target;

import java.util.HashMap;
import java.util.Map;

/**
 * Master data keys already seen in the file being imported. Two rows for one distributor (or one distributor's
 * target of one quarter) with different content would otherwise both be "accepted" and the last would silently
 * win; the second is rejected as a conflict naming the line of the first, as a sales line is. The same row twice
 * is an unchanged duplicate. Sales lines and claims are compared with what is stored, which already covers rows of
 * the same file.
 */
abstract class KeysInFile {

    private record Seen(long line, Object record) {
    }

    private final Map<String, Seen> seen = new HashMap<>();

    static KeysInFile of(ImportKind kind) {
        return switch (kind) {
            case DISTRIBUTORS -> new KeysInFile() {
                @Override
                String key(Object record) {
                    return ((Distributor) record).code();
                }

                @Override
                boolean same(Object a, Object b) {
                    return a.equals(b);
                }

                @Override
                String describe(String key) {
                    return "distributor " + key;
                }
            };
            case TARGETS -> new KeysInFile() {
                @Override
                String key(Object record) {
                    Target target = (Target) record;
                    return target.distributorCode() + " " + target.period();
                }

                @Override
                boolean same(Object a, Object b) {
                    return ((Target) a).amount().compareTo(((Target) b).amount()) == 0;
                }

                @Override
                String describe(String key) {
                    return "the target of " + key;
                }
            };
            case SALES, CLAIMS -> new KeysInFile() {
                @Override
                void check(Object record, long line) {
                    // compared with the stored rows by the writers
                }

                @Override
                String key(Object record) {
                    throw new UnsupportedOperationException();
                }

                @Override
                boolean same(Object a, Object b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                String describe(String key) {
                    throw new UnsupportedOperationException();
                }
            };
        };
    }

    abstract String key(Object record);

    abstract boolean same(Object a, Object b);

    abstract String describe(String key);

    /** Remembers the record's key, or rejects it when an earlier line of the file gave the key other content. */
    void check(Object record, long line) throws RowRejected {
        String key = key(record);
        Seen earlier = seen.putIfAbsent(key, new Seen(line, record));
        if (earlier != null && earlier.line() != line && !same(earlier.record(), record)) {
            throw new RowRejected("conflicts with line " + earlier.line() + " of this file, which gives "
                    + describe(key) + " other values (one row per " + (record instanceof Target ? "distributor and quarter" : "distributor")
                    + " in a file)");
        }
    }
}
