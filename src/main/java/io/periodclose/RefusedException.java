package io.periodclose;

/** A request that a business rule refuses (already running, already closed, period order, year locked): exit 3. */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
