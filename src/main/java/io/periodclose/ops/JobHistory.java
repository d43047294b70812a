package io.periodclose.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.LocalDateTime;
import java.util.List;

/** The job repository's executions as admins list them: newest first, with what each one was about. */
@Repository
public class JobHistory {

    public record ExecutionRow(long executionId, String job, String period, String subject, String status,
                               LocalDateTime started, LocalDateTime ended, String exitCode) {
    }

    private final JdbcTemplate jdbc;

    public JobHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ExecutionRow> newestFirst(int limit) {
        return jdbc.query("""
                SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_code,
                       (SELECT parameter_value FROM batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'period') AS period,
                       (SELECT string_agg(parameter_value, ' ' ORDER BY parameter_name) FROM batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name IN ('kind', 'file'))
                         AS subject
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 ORDER BY e.job_execution_id DESC
                 LIMIT ?""", (rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2),
                nullToEmpty(rs.getString(7)), nullToEmpty(rs.getString(8)), rs.getString(3),
                rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), rs.getString(6)), limit);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
