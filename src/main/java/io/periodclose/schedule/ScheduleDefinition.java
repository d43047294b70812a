package io.periodclose.schedule;

import java.time.ZoneId;

/**
 * One schedule of {@code jobs/schedule.yml}: its name, the job it launches, a Quartz cron expression read in
 * {@code zone}, and whether the file asks for it to be paused.
 */
public record ScheduleDefinition(String name, ScheduleJob job, String cron, ZoneId zone, boolean paused) {
}
