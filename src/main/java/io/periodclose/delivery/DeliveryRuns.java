package io.periodclose.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;

/** The sends ({@code delivery_run}): one per {@code send} or Resend, restarted as itself when it failed. */
@Repository
public class DeliveryRuns {

    /** A send of {@code period}; {@code distributor} is a Resend's, null for every distributor. */
    public record DeliveryRun(long id, String period, String language, String distributor, String username,
                              String channel, OffsetDateTime createdAt, Long jobExecutionId,
                              String summaryMessageId, OffsetDateTime summarySentAt) {

        public boolean resend() {
            return distributor != null;
        }
    }

    private static final RowMapper<DeliveryRun> RUN = (rs, n) -> new DeliveryRun(rs.getLong("id"),
            rs.getString("period"), rs.getString("language"), rs.getString("distributor_code"),
            rs.getString("username"), rs.getString("channel"), rs.getObject("created_at", OffsetDateTime.class),
            (Long) rs.getObject("job_execution_id"), rs.getString("summary_message_id"),
            rs.getObject("summary_sent_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    public DeliveryRuns(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactionManager);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Committed at once, also inside a step's transaction: the deliveries recorded on their own refer to it. */
    public DeliveryRun create(String period, String language, String distributor, String username, String channel) {
        Long id = own.execute(status -> jdbc.queryForObject("""
                INSERT INTO delivery_run (period, language, distributor_code, username, channel)
                VALUES (?, ?, ?, ?, ?) RETURNING id""", Long.class, period, language, distributor, username,
                channel));
        return get(id);
    }

    public DeliveryRun get(long id) {
        return jdbc.queryForObject("SELECT * FROM delivery_run WHERE id = ?", RUN, id);
    }

    public void executedAs(long id, long jobExecutionId) {
        jdbc.update("UPDATE delivery_run SET job_execution_id = ? WHERE id = ?", jobExecutionId, id);
    }

    public void summarySent(long id, String messageId) {
        jdbc.update("UPDATE delivery_run SET summary_message_id = ?, summary_sent_at = now() WHERE id = ?",
                messageId, id);
    }

    /** The period's sends, newest first. */
    public List<DeliveryRun> ofPeriod(String period) {
        return jdbc.query("SELECT * FROM delivery_run WHERE period = ? ORDER BY id DESC", RUN, period);
    }
}
