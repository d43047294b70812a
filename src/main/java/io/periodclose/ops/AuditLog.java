package io.periodclose.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of operations: who did what, when, through which channel, to which execution, and how it ended.
 * Written in its own statement (autocommit), so that an action that fails or is refused is recorded all the same.
 */
@Repository
public class AuditLog {

    public enum Channel { WEB, API, SCHEDULER }

    public enum Outcome { DONE, REFUSED, FAILED, DENIED }

    public record Event(long id, OffsetDateTime at, String username, Channel channel, String action, String target,
                        Long jobExecutionId, Outcome outcome, String detail) {
    }

    /** What the audit page and API filter on; null means any. */
    public record Filter(String username, String action, Long jobExecutionId) {
        public static final Filter ANY = new Filter(null, null, null);
    }

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String username, Channel channel, String action, String target, Long jobExecutionId,
                       Outcome outcome, String detail) {
        jdbc.update("""
                INSERT INTO audit_event (username, channel, action, target, job_execution_id, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", username, channel.name(), action, target, jobExecutionId,
                outcome.name(), detail);
    }

    public List<Event> newestFirst(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, at, username, channel, action, target, job_execution_id, outcome, detail
                  FROM audit_event WHERE true""");
        List<Object> arguments = new ArrayList<>();
        if (filter.username() != null && !filter.username().isBlank()) {
            sql.append(" AND username = ?");
            arguments.add(filter.username());
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            sql.append(" AND action = ?");
            arguments.add(filter.action());
        }
        if (filter.jobExecutionId() != null) {
            sql.append(" AND job_execution_id = ?");
            arguments.add(filter.jobExecutionId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                rs.getString(3), Channel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                (Long) rs.getObject(7), Outcome.valueOf(rs.getString(8)), rs.getString(9)), arguments.toArray());
    }
}
