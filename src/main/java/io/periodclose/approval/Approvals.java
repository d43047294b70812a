package io.periodclose.approval;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The approval table: one row per job instance that stopped for approval, and its decision. */
@Repository
public class Approvals {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, job_name, period, close_run_id, job_instance_id, job_execution_id,"
            + " launched_by, requested_at, figures_sha256, totals, status, decided_by, decided_at, reason";

    private final JdbcTemplate jdbc;

    public Approvals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that a job instance stopped for approval with these figures. A run taken up again before anyone
     * decided (its process died at the gate) records its figures anew; a decided approval is never touched.
     */
    public void requested(String job, String period, Long closeRunId, long jobInstanceId, long jobExecutionId,
                          String launchedBy, Figures figures) {
        Map<String, String> totals = new TreeMap<>();
        figures.totals().forEach((currency, total) -> totals.put(currency, total.toPlainString()));
        jdbc.update("""
                INSERT INTO approval (job_name, period, close_run_id, job_instance_id, job_execution_id, launched_by,
                                      figures_sha256, totals, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'PENDING')
                ON CONFLICT (job_instance_id) DO UPDATE
                   SET job_execution_id = EXCLUDED.job_execution_id, figures_sha256 = EXCLUDED.figures_sha256,
                       totals = EXCLUDED.totals, requested_at = now()
                 WHERE approval.status = 'PENDING'""", job, period, closeRunId, jobInstanceId, jobExecutionId,
                launchedBy, figures.sha256(), JSON.writeValueAsString(totals));
    }

    public Optional<Approval> forInstance(long jobInstanceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE job_instance_id = ?", Approvals::approval,
                jobInstanceId).stream().findFirst();
    }

    /** The approval of the job instance an execution belongs to, if it stopped for one. */
    public Optional<Approval> forExecution(long jobExecutionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE job_instance_id = (SELECT job_instance_id"
                + " FROM batch_job_execution WHERE job_execution_id = ?)", Approvals::approval, jobExecutionId)
                .stream().findFirst();
    }

    public Optional<Approval> forCloseRun(long closeRunId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE close_run_id = ?", Approvals::approval,
                closeRunId).stream().findFirst();
    }

    /**
     * Every approval nobody has decided yet whose run can still be decided (its latest execution neither completed
     * nor abandoned: normally stopped at the gate; one whose process died there is recovered by the approval),
     * oldest request first.
     */
    public List<Approval> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval a WHERE status = 'PENDING' AND NOT EXISTS ("
                + "SELECT 1 FROM batch_job_execution e WHERE e.job_instance_id = a.job_instance_id"
                + " AND e.job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution"
                + " WHERE job_instance_id = a.job_instance_id) AND e.status IN ('COMPLETED', 'ABANDONED'))"
                + " ORDER BY requested_at, id", Approvals::approval);
    }

    public Optional<Approval> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE id = ?", Approvals::approval, id).stream()
                .findFirst();
    }

    /** The latest approval of a job for a period ("2026-Q3" for a close, "2026" for a year-end). */
    public Optional<Approval> latest(String job, String period) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE job_name = ? AND period = ? ORDER BY id DESC"
                + " LIMIT 1", Approvals::approval, job, period).stream().findFirst();
    }

    /** The latest year-end approval of {@code year} that was approved, for its annual statements. */
    public Optional<Approval> approvedYearEnd(int year) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approval WHERE job_name = 'expire' AND period = ?"
                + " AND status = 'APPROVED' ORDER BY id DESC LIMIT 1", Approvals::approval, Integer.toString(year))
                .stream().findFirst();
    }

    public int rejected(String job, String period) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM approval WHERE job_name = ? AND period = ?"
                + " AND status = 'REJECTED'", Integer.class, job, period);
        return count == null ? 0 : count;
    }

    /** Records a decision on a pending approval; false when it was decided meanwhile. */
    public boolean decide(long id, Approval.Status status, String by, String reason) {
        return jdbc.update("UPDATE approval SET status = ?, decided_by = ?, decided_at = now(), reason = ?"
                + " WHERE id = ? AND status = 'PENDING'", status.name(), by, reason, id) == 1;
    }

    /** Rejects an approved run that posted nothing (its figures changed after the approval). */
    public boolean rejectApproved(long id, String by, String reason) {
        return jdbc.update("UPDATE approval SET status = 'REJECTED', decided_by = ?, decided_at = now(),"
                + " reason = ? WHERE id = ? AND status = 'APPROVED'", by, reason, id) == 1;
    }

    /** Everyone who launched an execution of the job instance: none of them may approve it. */
    public Set<String> launchers(long jobInstanceId) {
        return Set.copyOf(jdbc.queryForList("""
                SELECT DISTINCT p.parameter_value FROM batch_job_execution_params p
                  JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
                 WHERE e.job_instance_id = ? AND p.parameter_name = 'launched.by'""", String.class, jobInstanceId));
    }

    /** Whether any execution of the job instance has posted a ledger entry. */
    public boolean postedAnything(long jobInstanceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM ledger_entry l JOIN batch_job_execution e
                                  ON e.job_execution_id = l.job_execution_id WHERE e.job_instance_id = ?)""",
                Boolean.class, jobInstanceId));
    }

    /** The latest execution of a job instance. */
    public long lastExecution(long jobInstanceId) {
        return jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution WHERE job_instance_id = ?",
                Long.class, jobInstanceId);
    }

    /** Of these executions, those stopped for an approval that nobody has given or refused yet. */
    public Set<Long> awaiting(Collection<Long> jobExecutionIds) {
        if (jobExecutionIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("""
                SELECT e.job_execution_id FROM batch_job_execution e
                  JOIN approval a ON a.job_instance_id = e.job_instance_id AND a.status = 'PENDING'
                 WHERE e.job_execution_id = ANY (?) AND e.status = 'STOPPED' AND e.exit_code = ?""", Long.class,
                jobExecutionIds.toArray(Long[]::new), ApprovalGate.AWAITING_APPROVAL));
    }

    private static Approval approval(ResultSet rs, int row) throws SQLException {
        TreeMap<String, BigDecimal> totals = new TreeMap<>();
        JsonNode node = JSON.readTree(rs.getString(10));
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            totals.put(entry.getKey(), new BigDecimal(entry.getValue().asString()));
        }
        Long closeRun = rs.getObject(4) == null ? null : rs.getLong(4);
        return new Approval(rs.getLong(1), rs.getString(2), rs.getString(3).trim(), closeRun,
                rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getString(9), totals, Approval.Status.valueOf(rs.getString(11)), rs.getString(12),
                rs.getObject(13, OffsetDateTime.class), rs.getString(14));
    }
}
