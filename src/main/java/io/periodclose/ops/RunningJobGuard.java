package io.periodclose.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves that a job execution is alive. While a process runs an execution it holds a PostgreSQL advisory lock
 * keyed by the execution id on a connection of its own; when the process dies, even by {@code kill -9} or on
 * another machine, PostgreSQL drops the connection and the lock with it. An execution marked STARTED whose lock
 * is free was left behind by a dead process and may be recovered and restarted.
 */
@Component
public class RunningJobGuard implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunningJobGuard.class);
    /** First half of the two-part advisory lock key: the namespace of job executions. */
    private static final int LOCK_SPACE = 0x50434c53;

    private final DataSource dataSource;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();

    public RunningJobGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, Math.toIntExact(jobExecution.getId()));
                lock.execute();
            }
            held.put(jobExecution.getId(), connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark execution " + jobExecution.getId() + " as running", e);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        Connection connection = held.remove(jobExecution.getId());
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_SPACE);
            unlock.setInt(2, Math.toIntExact(jobExecution.getId()));
            unlock.execute();
        } catch (SQLException e) {
            log.warn("Could not release the running mark of execution {}: {}", jobExecution.getId(), e.getMessage());
        }
    }

    /** The executions this process is running now. */
    public java.util.Set<Long> runningHere() {
        return java.util.Set.copyOf(held.keySet());
    }

    /** Whether some process, anywhere, is running this execution right now. */
    public boolean isAlive(long executionId) {
        if (held.containsKey(executionId)) {
            return true;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement probe = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            connection.setAutoCommit(true);
            probe.setInt(1, LOCK_SPACE);
            probe.setInt(2, Math.toIntExact(executionId));
            try (ResultSet rs = probe.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return true;
                }
            }
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_SPACE);
                unlock.setInt(2, Math.toIntExact(executionId));
                unlock.execute();
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell whether execution " + executionId + " is running", e);
        }
    }
}
