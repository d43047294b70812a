package io.periodclose.ops;

import org.springframework.batch.core.job.JobExecution;

/**
 * A rule a job's owner checks before one of its executions is restarted by id ({@code jobs restart}, the pages and
 * the API), where the owner's own launch checks do not run. It throws {@link io.periodclose.RefusedException} to
 * refuse.
 */
public interface RestartRule {

    void checkRestart(JobExecution execution);
}
