package io.periodclose.importing;

import io.periodclose.BadInputException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads an input file record by record, each with the line it starts on (a quoted field may span lines).
 * Remembers how many records it handed out, so a restarted import continues after the last committed chunk.
 */
public class CsvRowReader implements ItemStreamReader<CsvRow> {

    static final String RECORDS_READ = "csv.records.read";

    private final Path file;
    private final ImportKind kind;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private CsvHeader header;
    private long recordsRead;

    public CsvRowReader(Path file, ImportKind kind) {
        this.file = file;
        this.kind = kind;
    }

    @Override
    public void open(ExecutionContext context) {
        header = CsvInputFile.inspect(file, kind);
        try {
            parser = CsvInputFile.FORMAT.parse(CsvInputFile.open(file));
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file, e);
        }
        records = parser.iterator();
        records.next();
        long alreadyRead = context.getLong(RECORDS_READ, 0L);
        while (recordsRead < alreadyRead && read() != null) {
            // skip what a previous execution of this step committed
        }
    }

    @Override
    public CsvRow read() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                record = records.next();
            } catch (NoSuchElementException end) {
                return null;
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new BadInputException(file + ": line " + line + " is not valid CSV, the import stops there: "
                        + rootMessage(e), e);
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line is no record
            }
            recordsRead++;
            return new CsvRow(line, record.values(), header);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS_READ, recordsRead);
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
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
