package io.periodclose.ledger;

/** A posting whose idempotency key exists with different content: never ignored, it fails the run loudly. */
public class LedgerConflictException extends RuntimeException {
    public LedgerConflictException(String message) {
        super(message);
    }
}
