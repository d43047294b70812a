package io.periodclose.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A schedule as the interface shows it. Times are in the schedule's zone; {@code nextFireTime} is null while
 * paused, {@code previousFireTime} before the first firing, {@code lastFiring} when no firing was recorded yet.
 */
public record ScheduleView(String name, ScheduleJob job, String cron, ZoneId zone, ScheduleState state,
                           ZonedDateTime nextFireTime, ZonedDateTime previousFireTime, Firing lastFiring) {

    /**
     * How the latest firing (scheduled or triggered now) ended: DONE (launched), REFUSED (a period rule said no,
     * such as an already closed quarter) or FAILED; {@code target} is what it launched, e.g.
     * {@code close 2026-Q3 as of 2026-10-05}.
     */
    public record Firing(ZonedDateTime at, String instanceId, String target, String outcome, String detail,
                         Long jobExecutionId) {
    }
}
