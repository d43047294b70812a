package io.periodclose.ops;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Launches, restarts, stops and abandons job executions through {@link JobOperator}, for the command line and
 * later the web interface alike. A run launched here stops gracefully (at the next chunk boundary) when the
 * process receives Ctrl-C or SIGTERM, so that it can be restarted exactly where it stopped.
 */
@Service
public class JobRuns {

    private static final java.time.Duration ENDING_GRACE = java.time.Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private static final Duration STOP_GRACE = Duration.ofMinutes(2);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunningJobGuard guard;
    private final Commands commands;
    private final LaunchLock launchLock;
    private final java.util.List<RestartRule> restartRules;

    public JobRuns(JobOperator jobOperator, JobRepository jobRepository, RunningJobGuard guard, Commands commands,
                   LaunchLock launchLock, java.util.List<RestartRule> restartRules) {
        this.restartRules = java.util.List.copyOf(restartRules);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.guard = guard;
        this.commands = commands;
        this.launchLock = launchLock;
    }

    /** Runs a job to its end in this thread; refuses when the same job instance is running or complete. */
    public JobExecution launch(Job job, JobParameters parameters) {
        return launch(job, job.getName() + " " + describe(parameters), () -> parameters);
    }

    /**
     * Launches a job under the {@link LaunchLock}: {@code decide} checks the rules and prepares the run (it may
     * write, e.g. the close run) and gives the job's parameters; no other launch, in any process, decides until
     * this job has begun or was refused. Job runs on the batch task executor return once the job has begun.
     */
    public JobExecution launch(Job job, String what, Supplier<JobParameters> decide) {
        try (LaunchLock.Hold hold = launchLock.acquire(what)) {
            JobParameters parameters = decide.get();
            refuseIfLeftRunning(job.getName(), parameters);
            hold.starting(job.getName(), parameters);
            JobExecution execution = startOrRefuse(job, parameters);
            if (execution.getStatus().isRunning()) {
                hold.awaitStart();
            }
            return execution;
        } catch (DuplicateKeyException | ConcurrencyFailureException e) {
            throw concurrent(what, e);
        }
    }

    /**
     * The one place where the database's answers to two launches racing each other (a unique key, a serialisation
     * failure of the job repository) become a refusal. The launch lock makes them rare: left are launches that did
     * not take it, e.g. a job started outside this program on the same database.
     */
    private static RefusedException concurrent(String what, RuntimeException e) {
        log.warn("{} raced another launch and is refused: {}", what, e.toString());
        return new RefusedException(what + " is refused: it is already running, launched at the same time by"
                + " someone else; see: period-close jobs list");
    }

    private JobExecution startOrRefuse(Job job, JobParameters parameters) {
        try {
            return runStoppable(() -> jobOperator.start(job, parameters));
        } catch (JobExecutionAlreadyRunningException e) {
            throw new RefusedException(job.getName() + " " + describe(parameters) + " is already running");
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new RefusedException(job.getName() + " " + describe(parameters) + " has already completed");
        } catch (JobRestartException e) {
            throw new RefusedException(job.getName() + " cannot be started again: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Restarts a failed or stopped execution from where it ended. An execution still marked STARTED whose process
     * died is recovered first, but only once the running-job guard shows that no process holds it.
     */
    public JobExecution restart(long executionId) {
        String what = "the restart of execution " + executionId;
        try (LaunchLock.Hold hold = launchLock.acquire(what)) {
            JobExecution restarted = restartDecided(executionId, hold);
            if (restarted.getStatus().isRunning()) {
                hold.awaitStart();
            }
            return restarted;
        } catch (DuplicateKeyException | ConcurrencyFailureException e) {
            throw concurrent(what, e);
        }
    }

    private JobExecution restartDecided(long executionId, LaunchLock.Hold hold) {
        JobExecution execution = execution(executionId);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new RefusedException("execution " + executionId + " has completed; there is nothing to restart");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new RefusedException("execution " + executionId + " was abandoned and cannot be restarted");
        }
        for (RestartRule rule : restartRules) {
            rule.checkRestart(execution);
        }
        if (execution.getStatus().isRunning()) {
            if (guard.isAlive(executionId)) {
                throw new RefusedException("execution " + executionId + " is still running; stop it first with: "
                        + commands.stop(executionId));
            }
            log.info("Execution {} was left {} by a process that is gone; recovering it", executionId,
                    execution.getStatus());
            execution = jobOperator.recover(execution);
        }
        refuseIfLeftRunning(execution.getJobInstance().getJobName(), execution.getJobParameters());
        JobExecution toRestart = execution;
        hold.starting(execution.getJobInstance().getJobName(), execution.getJobParameters());
        try {
            return runStoppable(() -> jobOperator.restart(toRestart));
        } catch (JobRestartException e) {
            throw new RefusedException("execution " + executionId + " cannot be restarted: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks a running execution to stop at its next chunk boundary; the process running it finishes the chunk. */
    public JobExecution stop(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution.getStatus().isRunning() && !guard.isAlive(executionId)) {
            throw new RefusedException("execution " + executionId + " is marked " + execution.getStatus()
                    + " but no process runs it; restart it with: " + commands.restart(executionId)
                    + " or give it up with: " + commands.abandon(executionId));
        }
        try {
            jobOperator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            throw new RefusedException("execution " + executionId + " is not running (" + execution.getStatus() + ")");
        }
        return execution(executionId);
    }

    /** Gives up an execution for good: it will never be restarted. */
    public JobExecution abandon(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED) {
            // Spring Batch refuses these with the same exception as a running one; say what it really is
            throw new RefusedException("execution " + executionId + " is " + execution.getStatus()
                    + "; only a failed or stopped execution can be abandoned");
        }
        if (execution.getStatus().isRunning()) {
            if (guard.isAlive(executionId)) {
                throw new RefusedException("execution " + executionId + " is running; stop it before abandoning it");
            }
            execution = jobOperator.recover(execution);
        }
        try {
            return jobOperator.abandon(execution);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new RefusedException("execution " + executionId + " is running; stop it before abandoning it");
        }
    }

    public JobExecution execution(long executionId) {
        return execution(jobRepository, executionId);
    }

    /** The execution as {@code jobs show} prints it, read from any job repository (the report commands' too). */
    public static JobExecution execution(JobRepository jobRepository, long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new BadInputException("there is no job execution " + executionId + "; see: period-close jobs list");
        }
        return execution;
    }

    private void refuseIfLeftRunning(String jobName, JobParameters parameters) {
        var instance = jobRepository.getJobInstance(jobName, parameters);
        if (instance == null) {
            return;
        }
        for (JobExecution previous : jobRepository.getJobExecutions(instance)) {
            if (previous.getStatus().isRunning()) {
                if (guard.isAlive(previous.getId())) {
                    throw new RefusedException(jobName + " " + describe(parameters) + " is already running as execution "
                            + previous.getId());
                }
                if (endsInAMoment(previous.getId())) {
                    continue;
                }
                throw new RefusedException(jobName + " " + describe(parameters) + " was interrupted: execution "
                        + previous.getId() + " is marked " + previous.getStatus() + " but its process is gone;"
                        + " restart it with: " + commands.restart(previous.getId()));
            }
        }
    }

    /**
     * A job releases its running mark in its last listener, a moment before the repository records how it ended: an
     * execution seen in that moment is finishing, not left behind by a dead process. One that stays marked running
     * without its mark for {@link #ENDING_GRACE} was.
     */
    private boolean endsInAMoment(long executionId) {
        long deadline = System.nanoTime() + ENDING_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution now = jobRepository.getJobExecution(executionId);
            if (now == null || !now.getStatus().isRunning()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String describe(JobParameters parameters) {
        return String.join(" ", parameters.getIdentifyingParameters().stream()
                .map(p -> p.name() + "=" + p.value()).sorted().toList());
    }

    private interface Launch {
        JobExecution run() throws Exception;
    }

    private JobExecution runStoppable(Launch launch) throws Exception {
        Thread stopper = new Thread(this::stopRunsOfThisProcess, "stop-jobs-on-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return launch.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and stopping this very run
            }
        }
    }

    /**
     * Asks every execution this process runs to stop at its next chunk boundary and waits (up to two minutes) for
     * them to stop, so that each can be restarted exactly there. For {@code serve}'s shutdown.
     */
    public void stopRunsOfThisProcess() {
        for (Long id : guard.runningHere()) {
            try {
                log.warn("Stopping execution {} at its next chunk boundary; restart it later with: {}", id,
                        commands.restart(id));
                jobOperator.stop(jobRepository.getJobExecution(id));
            } catch (Exception e) {
                log.warn("Could not stop execution {}: {}", id, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (!guard.runningHere().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
