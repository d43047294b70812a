package io.periodclose.importing;

import java.util.ArrayList;
import java.util.List;

/** What became of the rows of one chunk; persisted with the chunk, so counts add up even across restarts. */
final class Tally {

    record Rejection(long line, String reason, String record) {
    }

    private long accepted;
    private long unchanged;
    private final List<Rejection> rejections = new ArrayList<>();

    void accepted() {
        accepted++;
    }

    void accepted(long count) {
        accepted += count;
    }

    void unchanged() {
        unchanged++;
    }

    void reject(CsvRow row, String reason) {
        rejections.add(new Rejection(row.line(), Shown.reason(reason), Shown.record(row.asCsv())));
    }

    /** Adds what another tally counted: the rows of one attempt that the database took. */
    void add(Tally other) {
        accepted += other.accepted;
        unchanged += other.unchanged;
        rejections.addAll(other.rejections);
    }

    long acceptedCount() {
        return accepted;
    }

    long unchangedCount() {
        return unchanged;
    }

    List<Rejection> rejections() {
        return rejections;
    }
}
