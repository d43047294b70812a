package io.periodclose.ops;

import io.periodclose.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serialises the decision to launch a job across every process on the database: the rules are checked, the close
 * run is created and the job execution is created one launch at a time, and the lock is released only once the new
 * execution runs and the {@link RunningJobGuard} holds its mark. A second launch of the same close, from another
 * request, the scheduler or another process, therefore sees the first one running and is refused ("already
 * running", exit 3 / 409), instead of racing it into the job repository's unique keys and serialisable
 * transactions. The lock is a PostgreSQL session advisory lock on a connection of its own: a process that dies
 * while deciding releases it with its connection. Waiting for it never holds a pooled connection.
 */
@Component
public class LaunchLock implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(LaunchLock.class);
    /** The advisory lock key: a namespace of its own, apart from the running marks of {@link RunningJobGuard}. */
    private static final int LOCK_SPACE = 0x50434c4c;
    private static final int LOCK_KEY = 1;
    /** How long a launch waits for another one to start its job before it gives up (normally milliseconds). */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** How long a launch on the batch task executor keeps the lock while its job has not begun. */
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    /** The launch this process is deciding now, if any: at most one, since the lock is one for all launches. */
    private final AtomicReference<Hold> current = new AtomicReference<>();

    public LaunchLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the launch lock, waiting while another launch holds it; refuses after {@link #WAIT}. */
    public Hold acquire(String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long pause = 5;
        while (true) {
            Connection connection = tryLock();
            if (connection != null) {
                Hold hold = new Hold(connection);
                current.set(hold);
                return hold;
            }
            if (System.nanoTime() > deadline) {
                throw new RefusedException(what + " is refused: another launch has been starting for more than "
                        + WAIT.toSeconds() + " s and is still running; see: period-close jobs list");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to launch " + what, e);
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private Connection tryLock() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, LOCK_KEY);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return connection;
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the launch lock", e);
        }
    }

    /**
     * The job has begun and the running-job guard (registered before this listener) holds its mark: another
     * launch may now decide, and will see this one running.
     */
    @Override
    public void beforeJob(JobExecution jobExecution) {
        Hold hold = current.get();
        if (hold != null && hold.isFor(jobExecution)) {
            hold.release();
        }
    }

    private static String identity(String jobName, JobParameters parameters) {
        return jobName + " " + String.join(" ", parameters.getIdentifyingParameters().stream()
                .map(p -> p.name() + "=" + p.value()).sorted().toList());
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards it
            }
        }
    }

    /** One held launch lock. Released when its job begins, or when the launch ends without one. */
    public final class Hold implements AutoCloseable {

        private final Connection connection;
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String jobName;
        private volatile String identity;

        private Hold(Connection connection) {
            this.connection = connection;
        }

        /** Names the job execution about to be created: the lock is released when it begins. */
        void starting(String jobName, JobParameters parameters) {
            this.jobName = jobName;
            this.identity = identity(jobName, parameters);
        }

        private boolean isFor(JobExecution execution) {
            return identity != null
                    && identity.equals(identity(execution.getJobInstance().getJobName(), execution.getJobParameters()));
        }

        /** For a job launched on another thread: keeps the lock until it has begun (or a time limit passed). */
        void awaitStart() {
            try {
                if (!released.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} has not begun {} s after its launch; releasing the launch lock", jobName,
                            START_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void release() {
            if (released.getCount() == 0) {
                return;
            }
            current.compareAndSet(this, null);
            try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_SPACE);
                unlock.setInt(2, LOCK_KEY);
                unlock.execute();
            } catch (SQLException e) {
                // closing the connection gives the session lock up as well
                log.warn("Could not release the launch lock: {}", e.getMessage());
            } finally {
                released.countDown();
            }
        }

        @Override
        public void close() {
            release();
        }
    }
}
