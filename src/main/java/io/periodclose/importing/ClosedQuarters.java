package io.periodclose.importing;

import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which quarters an import treats as closed: those up to the last closed quarter, including one that had no data
 * when a later quarter was closed (as {@code PeriodRules.isClosed}).
 */
final class ClosedQuarters {

    private final Quarter lastClosed;

    private ClosedQuarters(Quarter lastClosed) {
        this.lastClosed = lastClosed;
    }

    static ClosedQuarters load(JdbcTemplate jdbc) {
        return new ClosedQuarters(PeriodRules.lastClosed(jdbc).orElse(null));
    }

    boolean contains(Quarter quarter) {
        return lastClosed != null && quarter.compareTo(lastClosed) <= 0;
    }
}
