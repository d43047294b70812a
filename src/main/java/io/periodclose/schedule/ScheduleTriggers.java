package io.periodclose.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

import java.util.Date;
import java.util.TimeZone;

/**
 * How a schedule of the file becomes a Quartz job and trigger: their keys, the trigger's misfire policy, and
 * resuming a paused trigger. Shared by the file synchronisation and the users' actions, which both resume.
 */
final class ScheduleTriggers {

    /** The Quartz group of the schedules; anything else in the store is not ours to touch. */
    static final String GROUP = "period-close";

    private ScheduleTriggers() {
    }

    static JobKey jobKey(String name) {
        return JobKey.jobKey(name, GROUP);
    }

    static TriggerKey triggerKey(String name) {
        return TriggerKey.triggerKey(name, GROUP);
    }

    /**
     * The schedule's trigger. Misfire policy "fire once now": fire times missed while no instance was up (or
     * every thread was busy for longer than Quartz's misfire threshold, a minute) fire once as soon as an instance
     * can, however many were missed, then the schedule goes on at its next fire time.
     */
    static Trigger trigger(ScheduleDefinition schedule, Date previousFireTime) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.name()))
                .forJob(jobKey(schedule.name()))
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

    /**
     * Resumes a paused trigger from now on: with fire times missed while paused, a fresh trigger from now (pausing
     * meant "do not run", so they are not made up for). Returns its next fire time.
     */
    static Date resume(Scheduler quartz, ScheduleDefinition schedule) throws SchedulerException {
        TriggerKey key = triggerKey(schedule.name());
        Trigger paused = quartz.getTrigger(key);
        Date next = paused.getNextFireTime();
        if (next != null && next.before(new Date())) {
            return quartz.rescheduleJob(key, trigger(schedule, paused.getPreviousFireTime()));
        }
        quartz.resumeTrigger(key);
        return quartz.getTrigger(key).getNextFireTime();
    }
}
