package io.periodclose.schedule;

import io.periodclose.BadInputException;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * The schedule file ({@code jobs/schedule.yml}) and the Quartz store kept in line with it.
 * <p>
 * The file says which schedules exist and when they fire; the shared Quartz store (PostgreSQL) holds their
 * triggers, whether they are paused, and when they fired. {@link #synchronize()} brings the store in line with the
 * file when {@code serve} starts: new schedules are added, changed crons and zones replace the trigger (an
 * unchanged trigger is kept, so a firing missed while every instance was down still fires once), schedules no
 * longer in the file are removed. Paused or not: what the interface chose is kept across restarts; the file's
 * {@code paused} wins only for a new schedule and when its value in the file has changed since the last start.
 * <p>
 * Present in every process, so that the commands, which run no scheduler, can still show the file's schedules.
 */
@Service
public class ScheduleFileSync {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFileSync.class);
    /** Serialises the synchronisation of several instances starting at once (an arbitrary constant key). */
    private static final long SYNC_LOCK = 0x5C4E_D01EL;

    private final Path file;
    private final ScheduleLoader loader = new ScheduleLoader();
    private final ObjectProvider<Scheduler> scheduler;
    private final JdbcTemplate jdbc;
    private final QuartzTransaction transaction;
    private volatile List<ScheduleDefinition> definitions;

    public ScheduleFileSync(@Value("${period-close.schedule:jobs/schedule.yml}") Path file,
                            ObjectProvider<Scheduler> scheduler, JdbcTemplate jdbc,
                            PlatformTransactionManager transactionManager) {
        this.file = file;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.transaction = new QuartzTransaction(transactionManager);
    }

    /** Reads the file again and brings the Quartz store in line with it (see the class comment). */
    public void synchronize() {
        synchronize(loader.load(file));
    }

    /** Brings the Quartz store in line with {@code schedules}, which become the schedules that are shown. */
    public void synchronize(List<ScheduleDefinition> schedules) {
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            throw new IllegalStateException("no scheduler runs in this process (period-close.scheduler.enabled)");
        }
        transaction.run(() -> {
            // one instance at a time, so that two starting together do not both create the same schedule
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SYNC_LOCK);
            for (ScheduleDefinition schedule : schedules) {
                synchronize(quartz, schedule);
            }
            Set<String> names = schedules.stream().map(ScheduleDefinition::name).collect(Collectors.toSet());
            for (JobKey job : quartz.getJobKeys(GroupMatcher.jobGroupEquals(ScheduleTriggers.GROUP))) {
                if (!names.contains(job.getName())) {
                    log.info("Schedule {} is no longer in the schedule file; removing it", job.getName());
                    quartz.deleteJob(job);
                }
            }
            return null;
        });
        definitions = List.copyOf(schedules);
    }

    /** The schedules last synchronised, in the file's order; the file's as read once, before any synchronisation. */
    List<ScheduleDefinition> definitions() {
        List<ScheduleDefinition> loaded = definitions;
        if (loaded == null) {
            loaded = loader.load(file);
            definitions = loaded;
        }
        return loaded;
    }

    /** The schedule called {@code name}; bad input, naming the schedules there are, when there is none. */
    ScheduleDefinition definition(String name) {
        List<ScheduleDefinition> schedules = definitions();
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new BadInputException("there is no schedule '" + name + "'; the schedules are: " + (schedules.isEmpty()
                        ? "none" : schedules.stream().map(ScheduleDefinition::name).collect(Collectors.joining(", ")))
                        + " (" + file + ")"));
    }

    /**
     * After the store was emptied under a running scheduler (tests wipe every table), the file is put back. Called
     * within the caller's Quartz transaction, which the synchronisation joins.
     */
    void healIfWiped(Scheduler quartz) throws SchedulerException {
        List<ScheduleDefinition> schedules = definitions();
        for (ScheduleDefinition schedule : schedules) {
            if (quartz.getTrigger(ScheduleTriggers.triggerKey(schedule.name())) == null) {
                log.warn("Schedule {} is missing from the scheduler's tables; synchronising the schedule file again",
                        schedule.name());
                synchronize(schedules);
                return;
            }
        }
    }

    private void synchronize(Scheduler quartz, ScheduleDefinition schedule) throws SchedulerException {
        JobKey jobKey = ScheduleTriggers.jobKey(schedule.name());
        TriggerKey triggerKey = ScheduleTriggers.triggerKey(schedule.name());
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
            quartz.scheduleJob(ScheduleTriggers.trigger(schedule, null));
            if (schedule.paused()) {
                quartz.pauseTrigger(triggerKey);
            }
            log.info("Schedule {} added: {} {} ({})", schedule.name(), schedule.cron(), schedule.zone(),
                    schedule.paused() ? "paused" : "active");
            return;
        }
        boolean paused = quartz.getTriggerState(triggerKey) == TriggerState.PAUSED;
        if (!sameTiming(existing, schedule)) {
            quartz.rescheduleJob(triggerKey, ScheduleTriggers.trigger(schedule, existing.getPreviousFireTime()));
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
            ScheduleTriggers.resume(quartz, schedule);
            log.info("Schedule {} resumed by the schedule file", schedule.name());
        }
    }

    private static boolean sameTiming(Trigger trigger, ScheduleDefinition schedule) {
        return trigger instanceof CronTrigger cron && cron.getCronExpression().equals(schedule.cron())
                // compared as Quartz stores them: an offset such as +03:00 comes back as GMT+03:00
                && cron.getTimeZone().getID().equals(TimeZone.getTimeZone(schedule.zone()).getID())
                && cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
    }
}
