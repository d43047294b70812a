package io.periodclose.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The record of every message to a distributor ({@code delivery}). Each change commits on its own, outside the
 * chunk's transaction: what the server accepted stays recorded whatever happens to the rest of the chunk, so a
 * restart or a new send never sends it again.
 */
@Repository
public class Deliveries {

    public enum Status { SENDING, SENT, FAILED }

    public record Delivery(long id, long runId, String period, String distributor, int version, String sha256,
                           String file, String address, StatementToSend.Kind kind, Status status, String messageId,
                           String reply, long jobExecutionId, OffsetDateTime attemptedAt, OffsetDateTime sentAt) {

        /** Left SENDING by a process that stopped between handing it to the server and recording the answer. */
        public boolean inDoubt() {
            return status == Status.SENDING;
        }
    }

    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getLong("id"),
            rs.getLong("run_id"), rs.getString("period"), rs.getString("distributor_code"),
            rs.getInt("statement_version"), rs.getString("statement_sha256"), rs.getString("file"),
            rs.getString("address"), StatementToSend.Kind.valueOf(rs.getString("kind")),
            Status.valueOf(rs.getString("status")), rs.getString("message_id"), rs.getString("reply"),
            rs.getLong("job_execution_id"), rs.getObject("attempted_at", OffsetDateTime.class),
            rs.getObject("sent_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    public Deliveries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactionManager);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records, and commits, that the statement is about to be sent. A {@code DuplicateKeyException} says that it is
     * already sent or being sent (another send of the same period running at the same time).
     */
    public long sending(long runId, StatementToSend s, String messageId, long jobExecutionId) {
        Long id = own.execute(status -> jdbc.queryForObject("""
                INSERT INTO delivery (run_id, period, distributor_code, statement_version, statement_sha256, file,
                                      address, kind, status, message_id, job_execution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SENDING', ?, ?) RETURNING id""", Long.class, runId, s.period(),
                s.distributor(), s.version(), s.sha256(), s.file(), s.address(), s.kind().name(), messageId,
                jobExecutionId));
        return id;
    }

    public void sent(long id) {
        own.executeWithoutResult(status -> jdbc.update(
                "UPDATE delivery SET status = 'SENT', sent_at = now() WHERE id = ? AND status = 'SENDING'", id));
    }

    public void failed(long id, String reply) {
        own.executeWithoutResult(status -> jdbc.update(
                "UPDATE delivery SET status = 'FAILED', reply = ? WHERE id = ? AND status = 'SENDING'", reply, id));
    }

    /** The server did not accept the message, for a reason that may pass: it was not sent, and will be again. */
    public void notSent(long id) {
        own.executeWithoutResult(status -> jdbc.update("DELETE FROM delivery WHERE id = ? AND status = 'SENDING'",
                id));
    }

    public List<Delivery> ofRun(long runId) {
        return jdbc.query("SELECT * FROM delivery WHERE run_id = ? ORDER BY distributor_code COLLATE \"C\", id",
                DELIVERY, runId);
    }

    /** The period's messages, newest first per distributor. */
    public List<Delivery> ofPeriod(String period) {
        return jdbc.query("SELECT * FROM delivery WHERE period = ? ORDER BY distributor_code COLLATE \"C\", id DESC",
                DELIVERY, period);
    }
}
