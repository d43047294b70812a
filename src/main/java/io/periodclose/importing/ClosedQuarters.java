package io.periodclose.importing;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Objects;

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
        List<String> last = jdbc.queryForList("SELECT max(period) FROM period_close", String.class);
        return new ClosedQuarters(last.stream().filter(Objects::nonNull).findFirst().map(Quarter::parse).orElse(null));
    }

    boolean contains(Quarter quarter) {
        return lastClosed != null && quarter.compareTo(lastClosed) <= 0;
    }
}
