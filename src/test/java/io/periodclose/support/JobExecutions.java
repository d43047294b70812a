package io.periodclose.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

/** What the job repository in PostgreSQL says about executions, for tests that run a job in another process. */
public final class JobExecutions {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private JobExecutions() {
    }

    /**
     * Polls PostgreSQL until {@code query} (its arguments {@code args}) finds an execution id, for at most 90 s, and
     * returns the first: the state the query describes has been committed.
     */
    public static long awaitFirstId(JdbcTemplate jdbc, String query, Object... args) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> ids = jdbc.queryForList(query, Long.class, args);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached within " + PATIENCE.toSeconds() + " s: " + query);
    }

    /** The execution's batch status as stored. */
    public static String status(JdbcTemplate jdbc, long executionId) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                executionId);
    }
}
