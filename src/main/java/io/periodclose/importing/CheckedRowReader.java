package io.periodclose.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Hands the step the rows of an input file already checked, reading and checking them on a second thread a bounded
 * distance ahead: while the database stores one chunk, the next one is being parsed. At most one chunk's worth of
 * rows (and no fewer than {@value #MIN_READ_AHEAD_ROWS}) wait in memory, whatever the size of the file.
 *
 * <p>What the step sees is what a plain reader followed by a {@link RowChecker} would give it: the same rows in file
 * order, and a file that stops being valid CSV fails at the same row. A restarted import continues after the rows
 * handed to committed chunks, not after those merely read ahead.
 */
class CheckedRowReader implements ItemStreamReader<ImportItem> {

    private static final Logger log = LoggerFactory.getLogger(CheckedRowReader.class);
    static final int MIN_READ_AHEAD_ROWS = 8192;
    /** Also the rows the writer prepares at once: a query or two for their documents' due dates (sales). */
    private static final int BLOCK_ROWS = 4096;
    private static final long STOP_WAIT_SECONDS = 10;

    /** Rows travel in blocks, so the two threads meet once per block rather than once per row. */
    private record Block(List<ImportItem> items, boolean last, Throwable failure) {
    }

    private final CsvRowReader rows;
    private final ImportKind kind;
    private final JdbcTemplate jdbc;
    private final UnaryOperator<List<ImportItem>> prepare;
    private final CsvOptions options;
    private final BlockingQueue<Block> queue;
    private Thread readAhead;
    private Block current;
    private int position;
    private long handedOut;

    /**
     * {@code chunkSize}: the rows the step takes at once; that many are read ahead, so the step never waits.
     * {@code prepare}: what the writer can do ahead with each block of checked rows, in file order, on the
     * read-ahead thread.
     */
    CheckedRowReader(CsvRowReader rows, ImportKind kind, JdbcTemplate jdbc, int chunkSize,
                     UnaryOperator<List<ImportItem>> prepare) {
        this(rows, kind, jdbc, chunkSize, prepare, CsvOptions.DEFAULT);
    }

    CheckedRowReader(CsvRowReader rows, ImportKind kind, JdbcTemplate jdbc, int chunkSize,
                     UnaryOperator<List<ImportItem>> prepare, CsvOptions options) {
        this.options = options;
        this.rows = rows;
        this.kind = kind;
        this.jdbc = jdbc;
        this.prepare = prepare;
        int readAhead = Math.max(chunkSize, MIN_READ_AHEAD_ROWS);
        this.queue = new ArrayBlockingQueue<>((readAhead + BLOCK_ROWS - 1) / BLOCK_ROWS);
    }

    @Override
    public void open(ExecutionContext context) {
        RowChecker checker = new RowChecker(kind, ReferenceData.load(jdbc), options);
        // the rows a previous execution committed are checked again, so the file's earlier keys are known
        rows.open(context, checker::check);
        handedOut = context.getLong(CsvRowReader.RECORDS_READ, 0L);
        readAhead = new Thread(() -> readAndCheck(checker), "import-read-ahead");
        readAhead.setDaemon(true);
        readAhead.start();
    }

    private void readAndCheck(RowChecker checker) {
        List<ImportItem> block = new ArrayList<>(BLOCK_ROWS);
        Throwable failure = null;
        try {
            for (CsvRow row = rows.read(); row != null; row = rows.read()) {
                block.add(checker.check(row));
                if (block.size() == BLOCK_ROWS) {
                    List<ImportItem> full = block;
                    block = List.of(); // a block that could not be prepared does not reach the step at all
                    List<ImportItem> prepared = prepare.apply(full);
                    block = new ArrayList<>(BLOCK_ROWS);
                    queue.put(new Block(prepared, false, null));
                }
            }
        } catch (InterruptedException stopped) {
            return; // the step closed the reader before the end of the file
        } catch (Throwable e) {
            failure = e;
        }
        // the rows before a failure to read the file still reach the step, which then fails at the row a plain
        // reader would
        List<ImportItem> last = List.of();
        try {
            last = block.isEmpty() ? block : prepare.apply(block);
        } catch (Throwable e) {
            failure = failure == null ? e : failure;
        }
        try {
            queue.put(new Block(last, true, failure));
        } catch (InterruptedException stopped) {
            // the step closed the reader meanwhile; nobody is left to tell
        }
    }

    @Override
    public ImportItem read() throws Exception {
        while (position == current().items().size()) {
            if (current.failure() != null) {
                throw rethrowable(current.failure());
            }
            if (current.last()) {
                return null;
            }
            current = queue.take();
            position = 0;
        }
        handedOut++;
        return current.items().get(position++);
    }

    private Block current() throws InterruptedException {
        if (current == null) {
            current = queue.take();
        }
        return current;
    }

    private static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (Exception) failure;
    }

    /** Remembers the rows handed to the step; those of the chunk being committed are the last ones counted. */
    @Override
    public void update(ExecutionContext context) {
        context.putLong(CsvRowReader.RECORDS_READ, handedOut);
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.interrupt();
            queue.clear();
            try {
                readAhead.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (readAhead.isAlive()) {
                log.warn("The import's read-ahead thread did not stop within {} s", STOP_WAIT_SECONDS);
            }
            readAhead = null;
        }
        rows.close();
    }
}
