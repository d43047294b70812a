package io.periodclose.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of operations: who did what, when, through which channel, to which execution, and how it ended.
 * Written in its own statement (autocommit), so that an action that fails or is refused is recorded all the same.
 * The table is append-only, so nothing a caller passes is stored unbounded: the user name, the action, the target
 * and the detail are cut to {@link #MAX_USERNAME}, {@link #MAX_ACTION}, {@link #MAX_TARGET} and {@link #MAX_DETAIL}
 * characters (a cut text ends with an ellipsis).
 */
@Repository
public class AuditLog {

    /** CLI: the commands that decide or try on people's behalf ({@code approve}, {@code reject}, {@code simulate}) audit too. */
    public enum Channel { WEB, API, SCHEDULER, CLI }

    public enum Outcome { DONE, REFUSED, FAILED, DENIED }

    public record Event(long id, OffsetDateTime at, String username, Channel channel, String action, String target,
                        Long jobExecutionId, Outcome outcome, String detail) {
    }

    /** What the audit page and API filter on; null means any. */
    public record Filter(String username, String action, Long jobExecutionId) {
        public static final Filter ANY = new Filter(null, null, null);
    }

    public static final int MAX_USERNAME = 64;
    public static final int MAX_ACTION = 32;
    public static final int MAX_TARGET = 200;
    public static final int MAX_DETAIL = 500;

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String username, Channel channel, String action, String target, Long jobExecutionId,
                       Outcome outcome, String detail) {
        jdbc.update("""
                INSERT INTO audit_event (username, channel, action, target, job_execution_id, outcome, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", oneLine(clip(username, MAX_USERNAME)),
                channel.name(), clip(action, MAX_ACTION), oneLine(clip(target, MAX_TARGET)), jobExecutionId,
                outcome.name(), clip(detail, MAX_DETAIL));
    }

    /** {@code text} cut to at most {@code max} characters, ending with an ellipsis when cut; never splits a pair. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

    /** Control characters (a forged line break in a typed user name or a path) as spaces. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        return text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
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
