package io.periodclose.period;

import java.time.LocalDate;

/**
 * One close of a quarter: sequence 0 is the close, 1, 2, ... its re-closes, or a new close after a rejected one
 * (SPEC §9), which is why {@code reclose} is a fact of its own.
 */
public record CloseRun(long id, Quarter quarter, int sequence, LocalDate businessDate, String programSha256,
                       boolean reclose) {

    public boolean isReclose() {
        return reclose;
    }

    /**
     * The version of the statements it writes: 0 for a close (also one after a rejected close, which wrote none),
     * the sequence for a re-close.
     */
    public int statementVersion() {
        return reclose ? sequence : 0;
    }
}
