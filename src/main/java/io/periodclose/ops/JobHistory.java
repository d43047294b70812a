package io.periodclose.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The job repository's executions as admins list them: newest first, with what each one was about. */
@Repository
public class JobHistory {

    public record ExecutionRow(long executionId, String job, String period, String subject, String status,
                               LocalDateTime started, LocalDateTime ended, String exitCode) {

        /** How long it ran, or has been running; null before it started. */
        public Duration duration() {
            if (started == null) {
                return null;
            }
            return Duration.between(started, ended != null ? ended : LocalDateTime.now());
        }
    }

    /** Which executions to list; a null field matches everything. Dates are the start day, both inclusive. */
    public record Filter(String job, String status, LocalDate from, LocalDate to) {
        public static final Filter ANY = new Filter(null, null, null, null);
    }

    private final JdbcTemplate jdbc;

    public JobHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ExecutionRow> newestFirst(int limit) {
        return newestFirst(Filter.ANY, limit);
    }

    public List<ExecutionRow> newestFirst(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_code,
                       (SELECT parameter_value FROM batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'period') AS period,
                       (SELECT string_agg(parameter_value, ' ' ORDER BY parameter_name) FROM batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name IN ('kind', 'file'))
                         AS subject
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE true""");
        List<Object> arguments = new ArrayList<>();
        if (present(filter.job())) {
            sql.append(" AND i.job_name = ?");
            arguments.add(filter.job());
        }
        if (present(filter.status())) {
            sql.append(" AND e.status = ?");
            arguments.add(filter.status());
        }
        if (filter.from() != null) {
            sql.append(" AND e.create_time >= ?");
            arguments.add(filter.from().atStartOfDay());
        }
        if (filter.to() != null) {
            sql.append(" AND e.create_time < ?");
            arguments.add(filter.to().plusDays(1).atStartOfDay());
        }
        sql.append(" ORDER BY e.job_execution_id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2),
                nullToEmpty(rs.getString(7)), nullToEmpty(rs.getString(8)), rs.getString(3),
                rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), rs.getString(6)),
                arguments.toArray());
    }

    /** The job names that have run, for the filter's choices. */
    public List<String> jobNames() {
        return jdbc.queryForList("SELECT DISTINCT job_name FROM batch_job_instance ORDER BY job_name", String.class);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
