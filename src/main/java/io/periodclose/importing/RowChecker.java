package io.periodclose.importing;

/** Checks each row against SPEC §2; a bad row is passed on with its reason, never dropped. */
final class RowChecker {

    private final ImportKind kind;
    private final ReferenceData reference;

    RowChecker(ImportKind kind, ReferenceData reference) {
        this.kind = kind;
        this.reference = reference;
    }

    ImportItem check(CsvRow row) {
        try {
            return ImportItem.accepted(row, RowParsers.parse(kind, row, reference));
        } catch (RowRejected rejected) {
            return ImportItem.rejected(row, rejected.reason());
        }
    }
}
