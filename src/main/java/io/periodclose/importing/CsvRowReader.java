package io.periodclose.importing;

import io.periodclose.BadInputException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Reads an input file record by record, each with the line it starts on (a quoted field may span lines).
 * Remembers how many records it handed out, so a restarted import continues after the last committed chunk.
 */
public class CsvRowReader implements ItemStreamReader<CsvRow> {

    static final String RECORDS_READ = "csv.records.read";

    private final Path file;
    private final ImportKind kind;
    private final CsvOptions options;
    private CsvRecords records;
    private CsvHeader header;
    private long recordsRead;
    private int unreadableInARow;

    /** The reader resumes after a line it cannot read; this many in a row mean the file is no CSV at all. */
    static final int MAX_UNREADABLE_IN_A_ROW = 1000;

    public CsvRowReader(Path file, ImportKind kind) {
        this(file, kind, CsvOptions.DEFAULT);
    }

    public CsvRowReader(Path file, ImportKind kind, CsvOptions options) {
        this.file = file;
        this.kind = kind;
        this.options = options;
    }

    @Override
    public void open(ExecutionContext context) {
        open(context, row -> { });
    }

    /** Opens the file and skips what a previous execution committed, showing each skipped row to {@code skipped}. */
    public void open(ExecutionContext context, Consumer<CsvRow> skipped) {
        header = CsvInputFile.inspect(file, kind, options);
        try {
            records = new CsvRecords(CsvInputFile.open(file, options), CsvInputFile.format(options));
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file, e);
        }
        try {
            records.next();
        } catch (CsvRecords.UnreadableRecord e) {
            throw new BadInputException(file + ": the header row is not valid CSV: " + e.getMessage(), e);
        }
        records.expectFields(header.size());
        long alreadyRead = context.getLong(RECORDS_READ, 0L);
        for (CsvRow row; recordsRead < alreadyRead && (row = read()) != null; ) {
            skipped.accept(row); // what a previous execution of this step committed
        }
    }

    @Override
    public CsvRow read() {
        while (true) {
            long line = records.currentLineNumber() + 1;
            String[] record;
            try {
                record = records.next();
            } catch (NoSuchElementException end) {
                return null;
            } catch (CsvRecords.UnreadableRecord e) {
                if (++unreadableInARow > MAX_UNREADABLE_IN_A_ROW) {
                    throw new BadInputException(file + ": line " + line + " is not valid CSV, the import stops there: "
                            + e.getMessage(), e);
                }
                recordsRead++;
                return CsvRow.unreadable(line, header, e.getMessage());
            } catch (UncheckedIOException e) {
                throw new ItemStreamException(file + ": cannot be read at line " + line + ": " + rootMessage(e), e);
            }
            unreadableInARow = 0;
            if (record.length == 1 && record[0].isBlank()) {
                continue; // a blank line, or one of spaces only, is no record
            }
            recordsRead++;
            return new CsvRow(line, record, header, records.ordinaryText());
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS_READ, recordsRead);
    }

    @Override
    public void close() {
        if (records != null) {
            try {
                records.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + file, e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
