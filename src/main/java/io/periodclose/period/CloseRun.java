package io.periodclose.period;

import java.time.LocalDate;

/** One close of a quarter: sequence 0 is the close, 1, 2, ... its re-closes. */
public record CloseRun(long id, Quarter quarter, int sequence, LocalDate businessDate, String programSha256) {

    public boolean isReclose() {
        return sequence > 0;
    }
}
