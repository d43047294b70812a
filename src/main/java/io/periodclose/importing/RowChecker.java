package io.periodclose.importing;

/**
 * Checks each row against SPEC §2; a bad row is passed on with its reason, never dropped. Whatever a row holds, the
 * answer is a checked record or a reason: a row the parser cannot take is rejected alone.
 */
final class RowChecker {

    private final ImportKind kind;
    private final ReferenceData reference;
    private final CsvOptions options;
    private final KeysInFile keysInFile;
    private final RowParsers.LastDates lastDates = new RowParsers.LastDates();

    RowChecker(ImportKind kind, ReferenceData reference) {
        this(kind, reference, CsvOptions.DEFAULT);
    }

    RowChecker(ImportKind kind, ReferenceData reference, CsvOptions options) {
        this.kind = kind;
        this.reference = reference;
        this.options = options;
        this.keysInFile = KeysInFile.of(kind);
    }

    ImportItem check(CsvRow row) {
        if (row.unreadable() != null) {
            return ImportItem.rejected(row, row.unreadable());
        }
        try {
            CsvRow parsed = options.decimalComma() ? DecimalComma.toDots(kind, row) : row;
            Object record = RowParsers.parse(kind, parsed, reference, lastDates);
            keysInFile.check(record, row.line());
            return ImportItem.accepted(row, record);
        } catch (RowRejected rejected) {
            return ImportItem.rejected(row, rejected.reason());
        } catch (RuntimeException unexpected) {
            // a rule that has not foreseen some value: the row is refused with the reason, the import goes on
            return ImportItem.rejected(row, "cannot be read: " + unexpected);
        }
    }
}
