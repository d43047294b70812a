package io.periodclose.period;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the distributors a step works on into contiguous code ranges of about equal size, one per partition.
 * A partition knows only its range ({@code from}, {@code to}, inclusive), so it runs the same in this JVM or,
 * with remote partitioning, in another one.
 */
public class DistributorRangePartitioner implements Partitioner {

    public static final String FROM = "distributor.from";
    public static final String TO = "distributor.to";

    private final JdbcTemplate jdbc;
    private final String sortedCodesSql;
    private final Object[] arguments;

    /** {@code sortedCodesSql} returns the distributor codes the step covers, sorted ascending. */
    public DistributorRangePartitioner(JdbcTemplate jdbc, String sortedCodesSql, Object... arguments) {
        this.jdbc = jdbc;
        this.sortedCodesSql = sortedCodesSql;
        this.arguments = arguments;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> codes = jdbc.queryForList(sortedCodesSql, String.class, arguments);
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            // one empty partition keeps the step's shape (and its restart semantics) the same
            ExecutionContext context = new ExecutionContext();
            context.putString(FROM, "");
            context.putString(TO, "");
            partitions.put("partition0", context);
            return partitions;
        }
        int size = Math.max(1, (codes.size() + gridSize - 1) / gridSize);
        for (int start = 0, index = 0; start < codes.size(); start += size, index++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FROM, codes.get(start));
            context.putString(TO, codes.get(Math.min(start + size, codes.size()) - 1));
            partitions.put("partition" + index, context);
        }
        return partitions;
    }
}
