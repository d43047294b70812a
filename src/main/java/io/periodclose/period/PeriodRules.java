package io.periodclose.period;

import io.periodclose.RefusedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The period rules of SPEC §5 that decide whether a close, re-close or expiry may run at all (exit code 3). */
@Component
public class PeriodRules {

    private final JdbcTemplate jdbc;
    private final BusinessDay businessDay;

    public PeriodRules(JdbcTemplate jdbc, BusinessDay businessDay) {
        this.jdbc = jdbc;
        this.businessDay = businessDay;
    }

    /**
     * Closed by a close of its own, or lying before a closed quarter: a quarter that had no data when a later one
     * was closed counts as closed (nothing may be posted into it, its claims and targets are refused), so data
     * imported for it later is booked like any late data, by a re-close.
     */
    public boolean isClosed(Quarter quarter) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM period_close WHERE period >= ?)",
                Boolean.class, quarter.toString()));
    }

    private boolean closedByItsOwnClose(Quarter quarter) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM period_close WHERE period = ?)",
                Boolean.class, quarter.toString()));
    }

    public Optional<Quarter> lastClosed() {
        return lastClosed(jdbc);
    }

    /** The latest quarter closed; it and every quarter before it count as closed ({@link #isClosed}). */
    public static Optional<Quarter> lastClosed(JdbcTemplate jdbc) {
        List<String> periods = jdbc.queryForList("SELECT max(period) FROM period_close", String.class);
        return periods.stream().filter(p -> p != null).findFirst().map(Quarter::parse);
    }

    public Optional<Integer> lastLockedYear() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT max(year) FROM year_lock", Integer.class));
    }

    public void checkClose(Quarter quarter, LocalDate asOf) {
        checkNotFuture(asOf);
        if (!asOf.isAfter(quarter.lastDay())) {
            throw new RefusedException(quarter + " has not ended yet (it ends " + quarter.lastDay()
                    + "); it can be closed from " + quarter.dayAfter());
        }
        lastLockedYear().filter(year -> year >= quarter.year()).ifPresent(year -> {
            throw new RefusedException(quarter + " cannot be closed: the year " + quarter.year() + " is locked by its"
                    + " year-end expiry (years are locked through " + year + ")");
        });
        if (closedByItsOwnClose(quarter)) {
            throw new RefusedException(quarter + " is already closed; to recalculate it, re-close it with a business"
                    + " date after " + lastClosed().orElse(quarter).lastDay() + ": close --period " + quarter
                    + " --reclose --as-of " + lastClosed().orElse(quarter).dayAfter());
        }
        if (isClosed(quarter)) {
            Quarter last = lastClosed().orElseThrow();
            throw new RefusedException(quarter + " counts as closed: it had no data when a later quarter was closed"
                    + " (the last closed quarter is " + last + "), and nothing may be posted inside a closed quarter;"
                    + " its late data is booked by a re-close, effective after " + last.lastDay() + ": close --period "
                    + quarter + " --reclose --as-of " + last.dayAfter());
        }
        checkNoYearEndAwaitingApprovalBefore(quarter);
        firstOpenQuarterWithDataBefore(quarter).ifPresent(open -> {
            throw new RefusedException("quarters close in order: " + open + " has data and is not closed; close it"
                    + " first (close --period " + open + ")");
        });
    }

    public void checkReclose(Quarter quarter, LocalDate businessDate) {
        checkNotFuture(businessDate);
        checkNoYearEndAwaitingApprovalBefore(Quarter.of(businessDate));
        if (!isClosed(quarter)) {
            throw new RefusedException(quarter + " is not closed yet; close it first (without --reclose)");
        }
        checkRecloseYear(quarter);
        Quarter last = lastClosed().orElseThrow();
        if (!businessDate.isAfter(last.lastDay())) {
            throw new RefusedException("a re-close posts its adjustments at its business date, which must be later"
                    + " than the end of the last closed quarter " + last + " (" + last.lastDay() + "); pass --as-of "
                    + last.dayAfter() + " or later");
        }
        lastLockedYear().filter(year -> !businessDate.isAfter(LocalDate.of(year, 12, 31))).ifPresent(year -> {
            throw new RefusedException("the year " + year + " is locked by its year-end expiry; the business date must"
                    + " be after " + year + "-12-31");
        });
    }

    /**
     * A year-end stopped for approval has not expired its year yet: a close of a later quarter would let that
     * quarter's claims spend bonuses the year-end is about to expire, and its annual rebate (credited on 1 January)
     * could then never be posted.
     */
    private void checkNoYearEndAwaitingApprovalBefore(Quarter quarter) {
        jdbc.queryForList("SELECT period FROM approval WHERE job_name = 'expire' AND status = 'PENDING'"
                + " AND period < ? ORDER BY period LIMIT 1", String.class, String.valueOf(quarter.year()))
                .stream().findFirst().ifPresent(year -> {
                    throw new RefusedException("the year-end of " + year + " awaits approval; approve or reject it"
                            + " first (approve --period " + year + " --by NAME): a later quarter's close would spend"
                            + " the bonuses it expires");
                });
    }

    /** A business date after today would close a quarter before it has ended, or post adjustments in advance. */
    private void checkNotFuture(LocalDate businessDate) {
        LocalDate today = businessDay.today();
        if (businessDate.isAfter(today)) {
            throw new RefusedException("the business date " + businessDate + " is after today (" + today + "): a quarter"
                    + " cannot be closed before it has ended, nor adjustments posted in advance");
        }
    }

    /**
     * A quarter of a year whose bonuses have expired is final: a re-close would credit that year's bonus into a
     * later year's fund, after the year-end expiry has taken what was left of it.
     */
    public void checkRecloseYear(Quarter quarter) {
        lastLockedYear().filter(year -> year >= quarter.year()).ifPresent(year -> {
            throw new RefusedException(quarter + " cannot be re-closed: the year " + quarter.year() + " is locked by"
                    + " its year-end expiry (years are locked through " + year + ")");
        });
    }

    public void checkExpiry(int year) {
        jdbc.queryForList("SELECT period FROM approval WHERE job_name = 'close' AND status = 'PENDING'"
                + " AND left(period, 4) = ? ORDER BY period LIMIT 1", String.class, String.valueOf(year))
                .stream().findFirst().ifPresent(period -> {
                    throw new RefusedException("the " + period + " close awaits approval; approve or reject it first"
                            + " (approve --period " + period + " --by NAME): the year-end of " + year
                            + " must see its figures");
                });
        Quarter q4 = new Quarter(year, 4);
        if (!isClosed(q4)) {
            throw new RefusedException("the year-end expiry of " + year + " needs " + q4 + " closed first (close --period "
                    + q4 + ")");
        }
        lastLockedYear().filter(locked -> locked >= year).ifPresent(locked -> {
            throw new RefusedException("the bonuses of " + year + " have already expired; the year is locked");
        });
        if (year > 1900) {
            Integer previous = year - 1;
            boolean previousHasData = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE effective_date <= ?)", Boolean.class,
                    Date.valueOf(LocalDate.of(previous, 12, 31))));
            if (previousHasData && lastLockedYear().map(locked -> locked < previous).orElse(true)) {
                throw new RefusedException("years expire in order: run the year-end expiry of " + previous + " first"
                        + " (expire --year " + previous + ")");
            }
        }
    }

    /** The earliest quarter before this one that has sales lines or claims and is not closed. */
    private Optional<Quarter> firstOpenQuarterWithDataBefore(Quarter quarter) {
        LocalDate earliest = jdbc.queryForObject("""
                SELECT least((SELECT min(document_date) FROM sales_line), (SELECT min(claim_date) FROM claim))""",
                LocalDate.class);
        if (earliest == null) {
            return Optional.empty();
        }
        for (Quarter q = Quarter.of(earliest); q.compareTo(quarter) < 0; q = q.next()) {
            if (!isClosed(q) && hasData(q)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    private boolean hasData(Quarter q) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM sales_line WHERE document_date BETWEEN ? AND ?)
                    OR EXISTS (SELECT 1 FROM claim WHERE claim_date BETWEEN ? AND ?)""", Boolean.class,
                q.firstDay(), q.lastDay(), q.firstDay(), q.lastDay()));
    }
}
