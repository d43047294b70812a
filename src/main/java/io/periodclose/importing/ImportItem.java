package io.periodclose.importing;

/** A row on its way to the database: either a checked record or the reason it is rejected. */
record ImportItem(CsvRow row, Object record, String rejection) {

    static ImportItem accepted(CsvRow row, Object record) {
        return new ImportItem(row, record, null);
    }

    static ImportItem rejected(CsvRow row, String reason) {
        return new ImportItem(row, null, reason);
    }

    boolean isRejected() {
        return rejection != null;
    }

    @SuppressWarnings("unchecked")
    <T> T as(Class<T> type) {
        return (T) record;
    }
}
