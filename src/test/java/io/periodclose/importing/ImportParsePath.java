package io.periodclose.importing;

import io.periodclose.importing.RowParsers.Distributor;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The JVM's side of a sales import without the database, for {@code ImportParseBenchmark}: what the read-ahead
 * thread of {@link CheckedRowReader} does to every row (read the CSV record, check it, encode it for binary COPY;
 * not the due-date check of {@link DocumentDueDates}, which asks the database), on the calling thread, so that
 * thread's CPU time is the cost of the path.
 */
public final class ImportParsePath {

    /** One pass: rows read, accepted and rejected, and the COPY bytes prepared (so nothing is optimised away). */
    public record Pass(long rows, long accepted, long rejected, long copyBytes) {
    }

    private final ReferenceData reference;

    private ImportParsePath(ReferenceData reference) {
        this.reference = reference;
    }

    /** Reference data as the import loads it from the database, here from the data set's distributor file. */
    public static ImportParsePath withDistributorsOf(Path distributorsFile) {
        Map<String, String> currencies = new HashMap<>();
        RowChecker checker = new RowChecker(ImportKind.DISTRIBUTORS, ReferenceData.of(Map.of()));
        CsvRowReader reader = new CsvRowReader(distributorsFile, ImportKind.DISTRIBUTORS);
        reader.open(new ExecutionContext());
        try {
            for (CsvRow row = reader.read(); row != null; row = reader.read()) {
                ImportItem item = checker.check(row);
                if (!item.isRejected()) {
                    Distributor distributor = item.as(Distributor.class);
                    currencies.put(distributor.code(), distributor.currency());
                }
            }
        } finally {
            reader.close();
        }
        return new ImportParsePath(ReferenceData.of(currencies));
    }

    /** Reads, checks and encodes every row of a sales file, as the import's read-ahead thread does. */
    public Pass sales(Path salesFile) {
        RowChecker checker = new RowChecker(ImportKind.SALES, reference, CsvOptions.DEFAULT);
        UnaryOperator<ImportItem> prepare = new SalesLineWriter.CopyTextPreparer();
        CsvRowReader reader = new CsvRowReader(salesFile, ImportKind.SALES);
        reader.open(new ExecutionContext());
        long rows = 0;
        long accepted = 0;
        long bytes = 0;
        try {
            for (CsvRow row = reader.read(); row != null; row = reader.read()) {
                ImportItem item = prepare.apply(checker.check(row));
                rows++;
                if (!item.isRejected()) {
                    accepted++;
                    bytes += item.copyText().length;
                }
            }
        } finally {
            reader.close();
        }
        return new Pass(rows, accepted, rows - accepted, bytes);
    }
}
