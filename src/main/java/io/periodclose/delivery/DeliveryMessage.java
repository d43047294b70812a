package io.periodclose.delivery;

/**
 * The message to one distributor: the covering text and the statement's PDF, read from disk and checked against the
 * SHA-256 recorded when it was written. When it cannot be attached (gone from disk, changed since), {@code problem}
 * says why and nothing is sent: the delivery is recorded FAILED with it.
 */
public record DeliveryMessage(StatementToSend statement, String subject, String text, byte[] pdf, String problem) {

    static DeliveryMessage unsendable(StatementToSend statement, String problem) {
        return new DeliveryMessage(statement, null, null, null, problem);
    }
}
