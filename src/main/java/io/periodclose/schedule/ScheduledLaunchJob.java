package io.periodclose.schedule;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The Quartz job behind every schedule: launches a close or a year-end expiry through {@link Operations}, which
 * checks the period rules, launches through the JobOperator with the period as an identifying parameter, and
 * records the launch (DONE, REFUSED or FAILED) in the audit trail as done by the scheduler. A firing someone
 * triggered now is that user's launch (channel SCHEDULER): the launcher of a close may not approve it (SPEC §9),
 * and "run now" must not be a way round that.
 * <p>
 * A close fires for the latest ended quarter on the day it fires in the schedule's zone ({@code Quarter.of(today)
 * .previous()}), as of that day, never as a re-close; an expiry for the year before the one it fires in. A refusal
 * (that quarter already closed, an earlier one still open, the year not ready) is an answer, not an error: it is
 * logged and recorded, and the job ends normally. Nothing escapes to Quartz, which would only log it again.
 * <p>
 * One firing of a schedule at a time, across the cluster ({@code @DisallowConcurrentExecution}); the launched job
 * itself runs on the batch task executor in {@code serve}, so a firing ends as soon as its execution exists.
 * Instantiated per firing by Spring (constructor injection). "Today" comes from a {@link Clock} bean when the
 * application defines one (tests do), else from the system clock.
 */
@DisallowConcurrentExecution
public class ScheduledLaunchJob implements Job {

    static final String JOB = "job";
    static final String ZONE = "zone";
    /** The file's {@code paused} when the schedule was last synchronised: a change of it in the file wins. */
    static final String FILE_PAUSED = "file-paused";
    /** Set on a trigger-now: who asked, and so who launches. */
    static final String TRIGGERED_BY = "triggered-by";

    private static final Logger log = LoggerFactory.getLogger(ScheduledLaunchJob.class);

    private final Operations operations;
    private final PeriodRules rules;
    private final ScheduleFirings firings;
    private final Clock clock;

    public ScheduledLaunchJob(Operations operations, PeriodRules rules, ScheduleFirings firings,
                              ObjectProvider<Clock> clock) {
        this.operations = operations;
        this.rules = rules;
        this.firings = firings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void execute(JobExecutionContext context) {
        String schedule = context.getJobDetail().getKey().getName();
        JobDataMap data = context.getMergedJobDataMap();
        String instanceId = instanceId(context);
        try {
            ScheduleJob job = ScheduleJob.ofKey(data.getString(JOB)).orElseThrow(
                    () -> new IllegalStateException("unknown job '" + data.getString(JOB) + "'"));
            ZoneId zone = ZoneId.of(data.getString(ZONE));
            String triggeredBy = data.containsKey(TRIGGERED_BY) ? data.getString(TRIGGERED_BY) : null;
            log.info("Schedule {} fires on {}{}: {}", schedule, instanceId,
                    triggeredBy == null ? "" : " (triggered now by " + triggeredBy + ")", job.description());
            Actor launcher = triggeredBy == null ? Actor.scheduler() : new Actor(triggeredBy, Channel.SCHEDULER);
            Firing firing = fire(schedule, job, LocalDate.now(clock.withZone(zone)), launcher);
            record(schedule, instanceId, firing);
        } catch (RuntimeException e) {
            log.error("Schedule {} could not fire: {}", schedule, e.toString(), e);
            record(schedule, instanceId, new Firing("schedule " + schedule, "FAILED", String.valueOf(e.getMessage()),
                    null));
        }
    }

    /** A firing at its time: the scheduler launches. */
    Firing fire(String schedule, ScheduleJob job, LocalDate today) {
        return fire(schedule, job, today, Actor.scheduler());
    }

    /** Launches what {@code job} means on {@code today}; never throws for a refusal or a failed launch. */
    Firing fire(String schedule, ScheduleJob job, LocalDate today, Actor launcher) {
        return switch (job) {
            case CLOSE -> {
                Quarter quarter = Quarter.of(today).previous();
                yield launch(schedule, "close " + quarter + " as of " + today, () -> rules.isClosed(quarter),
                        () -> operations.close(launcher, quarter, today, false));
            }
            case EXPIRE -> {
                int year = today.getYear() - 1;
                yield launch(schedule, "year-end " + year, () -> rules.lastLockedYear().map(y -> y >= year)
                        .orElse(false), () -> operations.expire(launcher, year));
            }
        };
    }

    private interface Check {
        boolean holds();
    }

    private interface Launch {
        JobExecution run();
    }

    private Firing launch(String schedule, String target, Check alreadyDone, Launch launch) {
        try {
            JobExecution execution = launch.run();
            log.info("Schedule {}: {} launched as execution {} ({})", schedule, target, execution.getId(),
                    execution.getStatus());
            return new Firing(target, "DONE", "execution " + execution.getId() + " " + execution.getStatus(),
                    execution.getId());
        } catch (RefusedException | BadInputException e) {
            if (quietly(alreadyDone)) {
                log.info("Schedule {}: {} refused, already done: {}", schedule, target, e.getMessage());
            } else {
                log.warn("Schedule {}: {} refused: {}", schedule, target, e.getMessage());
            }
            return new Firing(target, "REFUSED", e.getMessage(), null);
        } catch (RuntimeException e) {
            log.error("Schedule {}: {} failed: {}", schedule, target, e.getMessage(), e);
            return new Firing(target, "FAILED", String.valueOf(e.getMessage()), null);
        }
    }

    private static boolean quietly(Check check) {
        try {
            return check.holds();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void record(String schedule, String instanceId, Firing firing) {
        try {
            firings.record(schedule, OffsetDateTime.now(clock), instanceId, firing.target(), firing.outcome(),
                    firing.detail(), firing.jobExecutionId());
        } catch (RuntimeException e) {
            log.warn("Schedule {}: could not record its firing: {}", schedule, e.getMessage());
        }
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }

    /** What one firing launched and how that ended. */
    record Firing(String target, String outcome, String detail, Long jobExecutionId) {
    }
}
