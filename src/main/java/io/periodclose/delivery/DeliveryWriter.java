package io.periodclose.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;

import java.util.List;

/**
 * Sends each message and records it, one at a time, each record committed on its own ({@link Deliveries}): SENDING
 * before the message goes, SENT once the server accepted it, FAILED when it refused it for good (the others still
 * go). A failure that may pass (the server unreachable, a 4xx) removes the SENDING record and fails the step: the
 * job is restartable and the restart sends only what was not accepted. Should the process die between the server's
 * acceptance and the SENT record, the SENDING record stays, in doubt, and no send repeats it by itself.
 */
class DeliveryWriter implements ItemWriter<DeliveryMessage> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWriter.class);

    private final Deliveries deliveries;
    private final Mailer mailer;
    private final long runId;
    private final long jobExecutionId;

    DeliveryWriter(Deliveries deliveries, Mailer mailer, long runId, long jobExecutionId) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.runId = runId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends DeliveryMessage> chunk) {
        for (DeliveryMessage message : chunk) {
            deliver(message);
        }
    }

    private void deliver(DeliveryMessage message) {
        StatementToSend s = message.statement();
        String messageId = mailer.newMessageId();
        long id;
        try {
            id = deliveries.sending(runId, s, messageId, jobExecutionId);
        } catch (DuplicateKeyException e) {
            log.warn("{} {} version {} is already being sent by another send; left to it", s.period(),
                    s.distributor(), s.version());
            return;
        }
        if (message.problem() != null) {
            log.warn("{} {}: not sent: {}", s.period(), s.distributor(), message.problem());
            deliveries.failed(id, message.problem());
            return;
        }
        try {
            mailer.send(messageId, s.address(), message.subject(), message.text(),
                    List.of(new Mailer.Attachment(s.file(), message.pdf(), "application/pdf")));
        } catch (MailRefusedException e) {
            log.warn("{} {}: the server refused {}: {}", s.period(), s.distributor(), s.address(), e.reply());
            deliveries.failed(id, e.reply());
            return;
        } catch (RuntimeException e) {
            deliveries.notSent(id);
            throw e;
        }
        deliveries.sent(id);
    }
}
