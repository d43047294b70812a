package io.periodclose.ledger;

/** A posting effective inside a closed quarter or a locked year. */
public class ClosedPeriodException extends RuntimeException {
    public ClosedPeriodException(String message) {
        super(message);
    }
}
