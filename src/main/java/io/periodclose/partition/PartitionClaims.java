package io.periodclose.partition;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who runs which partition, kept in PostgreSQL where the manager and every worker can see it.
 *
 * <p>A worker claims a partition by taking the advisory lock {@code (PARTITION_SPACE, step execution id)} on a
 * connection of its own and then inserting the partition's {@code partition_claim} row. The row lets a partition
 * run at most once, however often the broker delivers its request; the lock is held until the partition's
 * outcome is in the job repository, and PostgreSQL drops it the moment the worker's process dies, even by
 * {@code kill -9} on another machine. A partition that is claimed, still running, and whose lock is free has
 * therefore lost its worker. (The same idea as the job executions' {@code RunningJobGuard}.)
 */
@Component
public class PartitionClaims {

    /** First half of the two-part advisory lock key: the namespace of partitions. */
    static final int PARTITION_SPACE = 0x50435054;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public PartitionClaims(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** A partition this process holds; closing it releases the lock (after the outcome is recorded). */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the partition for {@code worker}, or returns empty when another worker runs it, ran it, or the manager
     * withdrew it: a duplicate or late request, to be dropped.
     */
    public Optional<Held> claim(long stepExecutionId, long jobExecutionId, String worker) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?, ?)", stepExecutionId)) {
                connection.close();
                return Optional.empty();
            }
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO partition_claim (step_execution_id, job_execution_id, worker) VALUES (?, ?, ?)
                    ON CONFLICT (step_execution_id) DO NOTHING""")) {
                insert.setLong(1, stepExecutionId);
                insert.setLong(2, jobExecutionId);
                insert.setString(3, worker);
                inserted = insert.executeUpdate();
            }
            Connection held = connection;
            Held claim = () -> release(held, stepExecutionId);
            if (inserted == 0) {
                claim.close();
                return Optional.empty();
            }
            return Optional.of(claim);
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("cannot claim partition " + stepExecutionId + ": " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, long stepExecutionId) {
        try (connection) {
            advisory(connection, "SELECT pg_advisory_unlock(?, ?)", stepExecutionId);
        } catch (SQLException e) {
            // closing the connection releases the lock all the same
        }
    }

    private static boolean advisory(Connection connection, String sql, long stepExecutionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, PARTITION_SPACE);
            statement.setInt(2, Math.toIntExact(stepExecutionId));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** The partitions among {@code ids} whose worker holds its lock now, whatever process or machine it is on. */
    public Set<Long> alive(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                SELECT objid::bigint FROM pg_locks
                 WHERE locktype = 'advisory' AND classid = ?::oid AND objsubid = 2 AND granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND objid::bigint = ANY (?)""", Long.class, PARTITION_SPACE, ids.toArray(Long[]::new)));
    }

    /** The claim rows of {@code ids}: step execution id to its worker, or to "" when withdrawn unclaimed. */
    public Map<Long, String> claimed(Collection<Long> ids) {
        Map<Long, String> claimed = new HashMap<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        jdbc.query("SELECT step_execution_id, worker FROM partition_claim WHERE step_execution_id = ANY (?)",
                rs -> {
                    String worker = rs.getString(2);
                    claimed.put(rs.getLong(1), worker == null ? "" : worker);
                }, (Object) ids.toArray(Long[]::new));
        return claimed;
    }

    /** The status of each partition as the job repository has it. */
    public Map<Long, BatchStatus> statuses(Collection<Long> ids) {
        Map<Long, BatchStatus> statuses = new HashMap<>();
        if (ids.isEmpty()) {
            return statuses;
        }
        jdbc.query("SELECT step_execution_id, status FROM batch_step_execution WHERE step_execution_id = ANY (?)",
                rs -> {
                    statuses.put(rs.getLong(1), BatchStatus.valueOf(rs.getString(2)));
                }, (Object) ids.toArray(Long[]::new));
        return statuses;
    }

    /**
     * The manager gives up on these partitions: a worker running one stops after its current chunk, and a request
     * still on its way is dropped by whichever worker takes it.
     */
    public void withdraw(long jobExecutionId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Long[] array = ids.toArray(Long[]::new);
        jdbc.update("UPDATE partition_claim SET cancelled = true WHERE step_execution_id = ANY (?)", (Object) array);
        jdbc.update("""
                INSERT INTO partition_claim (step_execution_id, job_execution_id, worker, cancelled)
                SELECT id, ?, NULL, true FROM unnest(?::bigint[]) AS id
                ON CONFLICT (step_execution_id) DO UPDATE SET cancelled = true""", jobExecutionId, array);
    }

    /** The partitions among {@code ids} that the manager withdrew. */
    public Set<Long> withdrawn(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList(
                "SELECT step_execution_id FROM partition_claim WHERE cancelled AND step_execution_id = ANY (?)",
                Long.class, (Object) ids.toArray(Long[]::new)));
    }
}
