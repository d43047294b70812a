package io.periodclose.schedule;

import io.periodclose.schedule.ScheduleView.Firing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** The latest firing of each schedule (table {@code schedule_firing}); the full history is the audit trail. */
@Repository
class ScheduleFirings {

    private final JdbcTemplate jdbc;

    ScheduleFirings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String schedule, OffsetDateTime at, String instanceId, String target, String outcome, String detail,
                Long jobExecutionId) {
        jdbc.update("""
                INSERT INTO schedule_firing (schedule_name, fired_at, instance_id, target, outcome, detail,
                                             job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (schedule_name) DO UPDATE SET fired_at = excluded.fired_at,
                       instance_id = excluded.instance_id, target = excluded.target, outcome = excluded.outcome,
                       detail = excluded.detail, job_execution_id = excluded.job_execution_id""",
                schedule, at, instanceId, target, outcome, detail, jobExecutionId);
    }

    /** The latest firing per schedule name, its time in {@code zones}' zone for that name (UTC if absent). */
    Map<String, Firing> latest(Map<String, ZoneId> zones) {
        Map<String, Firing> latest = new HashMap<>();
        jdbc.query("SELECT schedule_name, fired_at, instance_id, target, outcome, detail, job_execution_id"
                + " FROM schedule_firing", rs -> {
            String name = rs.getString(1);
            ZoneId zone = zones.getOrDefault(name, ZoneId.of("UTC"));
            latest.put(name, new Firing(rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(zone),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7)));
        });
        return latest;
    }
}
