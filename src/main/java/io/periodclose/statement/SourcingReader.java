package io.periodclose.statement;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the distributor codes of a partition and hands out their statements, read from the books a batch of codes
 * at a time ({@link StatementSource#quarters}): a handful of queries per chunk instead of six per statement.
 * The codes reader keeps no state of its own (its query leaves out the statements already written), so the codes
 * read ahead need none either: a restart reads them again.
 */
class SourcingReader<T> implements ItemStreamReader<SourcedStatement<T>> {

    private final ItemStreamReader<String> codes;
    private final int batchSize;
    private final Function<List<String>, List<SourcedStatement<T>>> source;
    private final Deque<SourcedStatement<T>> ahead = new ArrayDeque<>();

    SourcingReader(ItemStreamReader<String> codes, int batchSize,
                   Function<List<String>, List<SourcedStatement<T>>> source) {
        this.codes = codes;
        this.batchSize = batchSize;
        this.source = source;
    }

    @Override
    public SourcedStatement<T> read() throws Exception {
        if (ahead.isEmpty()) {
            List<String> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize) {
                String code = codes.read();
                if (code == null) {
                    break;
                }
                batch.add(code);
            }
            if (!batch.isEmpty()) {
                ahead.addAll(source.apply(batch));
            }
        }
        return ahead.poll();
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        ahead.clear();
        codes.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        codes.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        ahead.clear();
        codes.close();
    }
}
