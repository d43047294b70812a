package io.periodclose.schedule;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.ops.Operations.Actor;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.OperableTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * The schedules of {@code jobs/schedule.yml} as the interface and the API see and steer them: list, pause, resume,
 * trigger now. Every change is audited (SCHEDULE_PAUSE, SCHEDULE_RESUME, SCHEDULE_TRIGGER), refused ones included.
 * <p>
 * The file says which schedules exist and when they fire; the shared Quartz store (PostgreSQL) holds their
 * triggers, whether they are paused, and when they fired. {@link #synchronize()} brings the store in line with the
 * file when {@code serve} starts: new schedules are added, changed crons and zones replace the trigger (an
 * unchanged trigger is kept, so a firing missed while every instance was down still fires once), schedules no
 * longer in the file are removed. Paused or not: what the interface chose is kept across restarts; the file's
 * {@code paused} wins only for a new schedule and when its value in the file has changed since the last start.
 * <p>
 * Present in every process; in the commands, which run no scheduler, {@link #list()} shows the file's schedules as
 * DISABLED and changes are refused.
 */
@Service
public class Schedules {

    /** The Quartz group of the schedules; anything else in the store is not ours to touch. */
    static final String GROUP = "period-close";

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);
    /** Serialises the synchronisation of several instances starting at once (an arbitrary constant key). */
    private static final long SYNC_LOCK = 0x5C4E_D01EL;

    private final Path file;
    private final ScheduleLoader loader = new ScheduleLoader();
    private final ObjectProvider<Scheduler> scheduler;
    private final AuditLog audit;
    private final ScheduleFirings firings;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private volatile List<ScheduleDefinition> definitions;

    public Schedules(@Value("${period-close.schedule:jobs/schedule.yml}") Path file,
                     ObjectProvider<Scheduler> scheduler, AuditLog audit, ScheduleFirings firings, JdbcTemplate jdbc,
                     PlatformTransactionManager transactionManager) {
        this.file = file;
        this.scheduler = scheduler;
        this.audit = audit;
        this.firings = firings;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Whether this process runs the scheduler ({@code serve}). */
    public boolean running() {
        return scheduler.getIfAvailable() != null;
    }

    /** The schedules in the file's order, with their state, fire times and latest firing. */
    public List<ScheduleView> list() {
        List<ScheduleDefinition> schedules = definitions();
        Map<String, ScheduleView.Firing> latest = firings.latest(schedules.stream()
                .collect(Collectors.toMap(ScheduleDefinition::name, ScheduleDefinition::zone)));
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            return schedules.stream().map(s -> new ScheduleView(s.name(), s.job(), s.cron(), s.zone(),
                    ScheduleState.DISABLED, null, null, latest.get(s.name()))).toList();
        }
        return quartz(() -> {
            healIfWiped(quartz, schedules);
            List<ScheduleView> views = new ArrayList<>();
            for (ScheduleDefinition schedule : schedules) {
                views.add(view(quartz, schedule, latest.get(schedule.name())));
            }
            return views;
        });
    }

    /** Stops a schedule from firing until resumed; kept across restarts. Pausing a paused schedule changes nothing. */
    public void pause(Actor actor, String name) {
        audited(actor, "SCHEDULE_PAUSE", name, (quartz, schedule) -> {
            TriggerKey key = triggerKey(name);
            if (quartz.getTriggerState(key) == TriggerState.PAUSED) {
                return "was already paused";
            }
            Date next = quartz.getTrigger(key).getNextFireTime();
            quartz.pauseTrigger(key);
            return "paused; it was to fire next at " + at(next, schedule.zone());
        });
    }

    /**
     * Lets a paused schedule fire again from its next fire time. A fire time missed while it was paused is not made
     * up for (trigger it now for that): pausing meant "do not run".
     */
    public void resume(Actor actor, String name) {
        audited(actor, "SCHEDULE_RESUME", name, (quartz, schedule) -> {
            if (quartz.getTriggerState(triggerKey(name)) != TriggerState.PAUSED) {
                return "was not paused";
            }
            return "resumed; fires next at " + at(resume(quartz, schedule), schedule.zone());
        });
    }

    /**
     * Fires a schedule once, now, as if its time had come (also when paused): on whichever instance takes it, on a
     * Quartz thread. Returns once the firing is stored; its launch is audited like a scheduled one.
     */
    public void triggerNow(Actor actor, String name) {
        audited(actor, "SCHEDULE_TRIGGER", name, (quartz, schedule) -> {
            JobDataMap data = new JobDataMap();
            data.put(ScheduledLaunchJob.TRIGGERED_BY, actor.username());
            quartz.triggerJob(JobKey.jobKey(name, GROUP), data);
            return "fires now: " + schedule.job().description() + " (" + schedule.zone() + ")";
        });
    }

    /** Reads the file again and brings the Quartz store in line with it (see the class comment). */
    public void synchronize() {
        synchronize(loader.load(file));
    }

    /** Brings the Quartz store in line with {@code schedules}, which become the schedules this service shows. */
    public void synchronize(List<ScheduleDefinition> schedules) {
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            throw new IllegalStateException("no scheduler runs in this process (period-close.scheduler.enabled)");
        }
        quartz(() -> {
            // one instance at a time, so that two starting together do not both create the same schedule
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SYNC_LOCK);
            for (ScheduleDefinition schedule : schedules) {
                synchronize(quartz, schedule);
            }
            Set<String> names = schedules.stream().map(ScheduleDefinition::name).collect(Collectors.toSet());
            for (JobKey job : quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!names.contains(job.getName())) {
                    log.info("Schedule {} is no longer in the schedule file; removing it", job.getName());
                    quartz.deleteJob(job);
                }
            }
            return null;
        });
        definitions = List.copyOf(schedules);
    }

    // ---- synchronisation ---------------------------------------------------------------------------------

    private void synchronize(Scheduler quartz, ScheduleDefinition schedule) throws SchedulerException {
        JobKey jobKey = JobKey.jobKey(schedule.name(), GROUP);
        TriggerKey triggerKey = triggerKey(schedule.name());
        JobDetail previous = quartz.getJobDetail(jobKey);
        quartz.addJob(JobBuilder.newJob(ScheduledLaunchJob.class)
                .withIdentity(jobKey)
                .withDescription(schedule.job().description())
                .usingJobData(ScheduledLaunchJob.JOB, schedule.job().key())
                .usingJobData(ScheduledLaunchJob.ZONE, schedule.zone().getId())
                .usingJobData(ScheduledLaunchJob.FILE_PAUSED, schedule.paused())
                .storeDurably()
                // an instance that dies during a firing: another one fires it again (a close it had already
                // started is then refused as interrupted, with the command that restarts it)
                .requestRecovery()
                .build(), true);
        Trigger existing = quartz.getTrigger(triggerKey);
        if (existing == null) {
            quartz.scheduleJob(trigger(schedule, null));
            if (schedule.paused()) {
                quartz.pauseTrigger(triggerKey);
            }
            log.info("Schedule {} added: {} {} ({})", schedule.name(), schedule.cron(), schedule.zone(),
                    schedule.paused() ? "paused" : "active");
            return;
        }
        boolean paused = quartz.getTriggerState(triggerKey) == TriggerState.PAUSED;
        if (!sameTiming(existing, schedule)) {
            quartz.rescheduleJob(triggerKey, trigger(schedule, existing.getPreviousFireTime()));
            if (paused) {
                quartz.pauseTrigger(triggerKey);
            }
            log.info("Schedule {} now fires at {} {}", schedule.name(), schedule.cron(), schedule.zone());
        }
        JobDataMap before = previous == null ? new JobDataMap() : previous.getJobDataMap();
        boolean fileChanged = before.containsKey(ScheduledLaunchJob.FILE_PAUSED)
                && before.getBooleanValue(ScheduledLaunchJob.FILE_PAUSED) != schedule.paused();
        if (fileChanged && schedule.paused() && !paused) {
            quartz.pauseTrigger(triggerKey);
            log.info("Schedule {} paused by the schedule file", schedule.name());
        } else if (fileChanged && !schedule.paused() && paused) {
            resume(quartz, schedule);
            log.info("Schedule {} resumed by the schedule file", schedule.name());
        }
    }

    private static boolean sameTiming(Trigger trigger, ScheduleDefinition schedule) {
        return trigger instanceof CronTrigger cron && cron.getCronExpression().equals(schedule.cron())
                // compared as Quartz stores them: an offset such as +03:00 comes back as GMT+03:00
                && cron.getTimeZone().getID().equals(TimeZone.getTimeZone(schedule.zone()).getID())
                && cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
    }

    /**
     * The schedule's trigger. Misfire policy "fire once now": fire times missed while no instance was up (or
     * every thread was busy for longer than Quartz's misfire threshold, a minute) fire once as soon as an instance
     * can, however many were missed, then the schedule goes on at its next fire time.
     */
    private static Trigger trigger(ScheduleDefinition schedule, Date previousFireTime) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.name()))
                .forJob(JobKey.jobKey(schedule.name(), GROUP))
                .withDescription(schedule.cron() + " " + schedule.zone())
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .startNow()
                .build();
        if (previousFireTime != null) {
            // a replaced trigger keeps the date it last fired, for the schedules page
            ((OperableTrigger) trigger).setPreviousFireTime(previousFireTime);
        }
        return trigger;
    }

    /** Resumes a paused trigger from now on: with fire times missed while paused, a fresh trigger from now. */
    private static Date resume(Scheduler quartz, ScheduleDefinition schedule) throws SchedulerException {
        TriggerKey key = triggerKey(schedule.name());
        Trigger paused = quartz.getTrigger(key);
        Date next = paused.getNextFireTime();
        if (next != null && next.before(new Date())) {
            return quartz.rescheduleJob(key, trigger(schedule, paused.getPreviousFireTime()));
        }
        quartz.resumeTrigger(key);
        return quartz.getTrigger(key).getNextFireTime();
    }

    /** After the store was emptied under a running scheduler (tests wipe every table), the file is put back. */
    private void healIfWiped(Scheduler quartz, List<ScheduleDefinition> schedules) throws SchedulerException {
        for (ScheduleDefinition schedule : schedules) {
            if (quartz.getTrigger(triggerKey(schedule.name())) == null) {
                log.warn("Schedule {} is missing from the scheduler's tables; synchronising the schedule file again",
                        schedule.name());
                synchronize(schedules);
                return;
            }
        }
    }

    // ---- views and actions -------------------------------------------------------------------------------

    private static ScheduleView view(Scheduler quartz, ScheduleDefinition schedule, ScheduleView.Firing latest)
            throws SchedulerException {
        TriggerKey key = triggerKey(schedule.name());
        Trigger trigger = quartz.getTrigger(key);
        ScheduleState state = switch (quartz.getTriggerState(key)) {
            case NORMAL, BLOCKED -> ScheduleState.NORMAL;
            case PAUSED -> ScheduleState.PAUSED;
            case ERROR, COMPLETE, NONE -> ScheduleState.ERROR;
        };
        boolean fires = state != ScheduleState.PAUSED && trigger != null;
        return new ScheduleView(schedule.name(), schedule.job(), schedule.cron(), schedule.zone(), state,
                fires ? at(trigger.getNextFireTime(), schedule.zone()) : null,
                trigger == null ? null : at(trigger.getPreviousFireTime(), schedule.zone()), latest);
    }

    private interface Change {
        String apply(Scheduler quartz, ScheduleDefinition schedule) throws SchedulerException;
    }

    private void audited(Actor actor, String action, String name, Change change) {
        String target = "schedule " + name;
        String detail;
        try {
            ScheduleDefinition schedule = definition(name);
            Scheduler quartz = scheduler.getIfAvailable();
            if (quartz == null) {
                throw new RefusedException("the scheduler does not run in this process; schedules are changed in"
                        + " serve");
            }
            detail = quartz(() -> {
                healIfWiped(quartz, definitions());
                return change.apply(quartz, schedule);
            });
        } catch (RefusedException | BadInputException e) {
            audit.record(actor.username(), actor.channel(), action, target, null, Outcome.REFUSED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), action, target, null, Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw e;
        }
        log.info("{} by {} ({}): {}: {}", action, actor.username(), actor.channel(), target, detail);
        audit.record(actor.username(), actor.channel(), action, target, null, Outcome.DONE, detail);
    }

    private ScheduleDefinition definition(String name) {
        List<ScheduleDefinition> schedules = definitions();
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new BadInputException("there is no schedule '" + name + "'; the schedules are: " + (schedules.isEmpty()
                        ? "none" : schedules.stream().map(ScheduleDefinition::name).collect(Collectors.joining(", ")))
                        + " (" + file + ")"));
    }

    private List<ScheduleDefinition> definitions() {
        List<ScheduleDefinition> loaded = definitions;
        if (loaded == null) {
            loaded = loader.load(file);
            definitions = loaded;
        }
        return loaded;
    }

    private interface QuartzWork<T> {
        T run() throws SchedulerException;
    }

    /**
     * Runs Quartz calls in one Spring transaction: the JDBC job store takes its row locks on the transaction's
     * connection (Spring's LocalDataSourceJobStore), so changes are atomic and the other instances wait for them.
     */
    private <T> T quartz(QuartzWork<T> work) {
        return transaction.execute(status -> {
            try {
                return work.run();
            } catch (SchedulerException e) {
                throw new IllegalStateException("the scheduler failed: " + e.getMessage(), e);
            }
        });
    }

    static TriggerKey triggerKey(String name) {
        return TriggerKey.triggerKey(name, GROUP);
    }

    private static ZonedDateTime at(Date date, ZoneId zone) {
        return date == null ? null : date.toInstant().atZone(zone);
    }
}
