package io.periodclose.importing;

/** Why one row cannot be imported. Thrown by the row parsers; cheap, since bad rows may be many. */
public final class RowRejected extends Exception {
    public RowRejected(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
