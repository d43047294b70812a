package io.periodclose.importing;

/**
 * A row on its way to the database: either a checked record or the reason it is rejected. A writer may have the
 * record's COPY text prepared ahead, off the step's thread ({@link CheckedRowReader}).
 */
record ImportItem(CsvRow row, Object record, String rejection, byte[] copyText) {

    static ImportItem accepted(CsvRow row, Object record) {
        return new ImportItem(row, record, null, null);
    }

    static ImportItem rejected(CsvRow row, String reason) {
        return new ImportItem(row, null, reason, null);
    }

    ImportItem withCopyText(byte[] text) {
        return new ImportItem(row, record, rejection, text);
    }

    boolean isRejected() {
        return rejection != null;
    }

    @SuppressWarnings("unchecked")
    <T> T as(Class<T> type) {
        return (T) record;
    }
}
