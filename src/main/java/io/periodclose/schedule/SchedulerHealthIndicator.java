package io.periodclose.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerMetaData;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's health (contributor {@code scheduler}): UP while this instance's scheduler is started, not in
 * standby and checking in with the cluster; DOWN otherwise. Details: this instance's id, whether the store is
 * clustered, and every instance of the cluster with its last check-in.
 */
class SchedulerHealthIndicator extends AbstractHealthIndicator {

    /** Quartz's own grace, added to the check-in interval before it considers an instance failed. */
    private static final long GRACE_MILLIS = 7_500;

    private final Scheduler scheduler;
    private final JdbcTemplate jdbc;

    SchedulerHealthIndicator(Scheduler scheduler, JdbcTemplate jdbc) {
        super("The scheduler's health could not be checked");
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws Exception {
        SchedulerMetaData meta = scheduler.getMetaData();
        String self = meta.getSchedulerInstanceId();
        long now = System.currentTimeMillis();
        List<Map<String, Object>> instances = jdbc.query("""
                SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state
                 WHERE sched_name = ? ORDER BY instance_name""", (rs, n) -> {
            Map<String, Object> instance = new LinkedHashMap<>();
            long last = rs.getLong(2);
            long interval = rs.getLong(3);
            instance.put("instanceId", rs.getString(1));
            instance.put("lastCheckIn", Instant.ofEpochMilli(last).toString());
            instance.put("alive", now - last <= 2 * interval + GRACE_MILLIS);
            return instance;
        }, meta.getSchedulerName());
        boolean checkedIn = instances.stream().anyMatch(i -> self.equals(i.get("instanceId"))
                && Boolean.TRUE.equals(i.get("alive")));
        boolean running = meta.isStarted() && !meta.isInStandbyMode() && !meta.isShutdown();
        if (running && checkedIn) {
            health.up();
        } else {
            health.down().withDetail("problem", !running
                    ? "the scheduler is " + (meta.isShutdown() ? "shut down" : meta.isStarted() ? "in standby"
                    : "not started")
                    : "this instance has not checked in with the cluster lately (is the database reachable?)");
        }
        health.withDetail("instanceId", self)
                .withDetail("schedulerName", meta.getSchedulerName())
                .withDetail("clustered", meta.isJobStoreClustered())
                .withDetail("threads", meta.getThreadPoolSize())
                .withDetail("firingsHere", meta.getNumberOfJobsExecuted())
                .withDetail("instances", instances);
        if (meta.getRunningSince() != null) {
            health.withDetail("runningSince", meta.getRunningSince().toInstant().toString());
        }
    }
}
