package io.periodclose.schedule;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.ops.Operations.Actor;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The schedules as the interface and the API see and steer them: list, pause, resume, trigger now. Every change is
 * audited (SCHEDULE_PAUSE, SCHEDULE_RESUME, SCHEDULE_TRIGGER), refused ones included. Which schedules there are
 * comes from {@link ScheduleFileSync}.
 * <p>
 * Present in every process; in the commands, which run no scheduler, {@link #list()} shows the file's schedules as
 * DISABLED and changes are refused.
 */
@Service
public class ScheduleActions {

    private static final Logger log = LoggerFactory.getLogger(ScheduleActions.class);

    private final ScheduleFileSync file;
    private final ObjectProvider<Scheduler> scheduler;
    private final AuditLog audit;
    private final ScheduleFirings firings;
    private final QuartzTransaction transaction;

    public ScheduleActions(ScheduleFileSync file, ObjectProvider<Scheduler> scheduler, AuditLog audit,
                           ScheduleFirings firings, PlatformTransactionManager transactionManager) {
        this.file = file;
        this.scheduler = scheduler;
        this.audit = audit;
        this.firings = firings;
        this.transaction = new QuartzTransaction(transactionManager);
    }

    /** Whether this process runs the scheduler ({@code serve}). */
    public boolean running() {
        return scheduler.getIfAvailable() != null;
    }

    /** The schedules in the file's order, with their state, fire times and latest firing. */
    public List<ScheduleView> list() {
        List<ScheduleDefinition> schedules = file.definitions();
        Map<String, ScheduleView.Firing> latest = firings.latest(schedules.stream()
                .collect(Collectors.toMap(ScheduleDefinition::name, ScheduleDefinition::zone)));
        Scheduler quartz = scheduler.getIfAvailable();
        if (quartz == null) {
            return schedules.stream().map(s -> new ScheduleView(s.name(), s.job(), s.cron(), s.zone(),
                    ScheduleState.DISABLED, null, null, latest.get(s.name()))).toList();
        }
        return transaction.run(() -> {
            file.healIfWiped(quartz);
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
            TriggerKey key = ScheduleTriggers.triggerKey(name);
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
            if (quartz.getTriggerState(ScheduleTriggers.triggerKey(name)) != TriggerState.PAUSED) {
                return "was not paused";
            }
            return "resumed; fires next at " + at(ScheduleTriggers.resume(quartz, schedule), schedule.zone());
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
            quartz.triggerJob(ScheduleTriggers.jobKey(name), data);
            return "fires now: " + schedule.job().description() + " (" + schedule.zone() + ")";
        });
    }

    private static ScheduleView view(Scheduler quartz, ScheduleDefinition schedule, ScheduleView.Firing latest)
            throws SchedulerException {
        TriggerKey key = ScheduleTriggers.triggerKey(schedule.name());
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
            ScheduleDefinition schedule = file.definition(name);
            Scheduler quartz = scheduler.getIfAvailable();
            if (quartz == null) {
                throw new RefusedException("the scheduler does not run in this process; schedules are changed in"
                        + " serve");
            }
            detail = transaction.run(() -> {
                file.healIfWiped(quartz);
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

    private static ZonedDateTime at(Date date, ZoneId zone) {
        return date == null ? null : date.toInstant().atZone(zone);
    }
}
