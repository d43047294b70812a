package io.periodclose.statement;

import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A distributor's settlement statement for one closed quarter (SPEC §6): the fund's movements effective inside the
 * quarter between its opening and closing balance, and the bonus earned for the quarter, credited after it.
 *
 * @param programId     the bonus programme the close used, e.g. {@code MB-2026}
 * @param programSha256 the SHA-256 of the programme file the close used, so every figure can be reproduced
 * @param movements     the entries effective inside {@code period}; listed by date, in the given order within a day
 * @param bonus         what the quarter earned; credited on the first day after it, so not among the movements
 * @param expiringAtYearEnd what the year-end will expire of the fund on 31 December of the quarter's year: the
 *                      positive balance at the end of that day of every entry booked when the statement was written
 *                      (so after this close's posting). For Q1–Q3 it expires unless spent; for Q4 it is what the
 *                      year-end expires. {@code null}: not stated
 */
public record QuarterStatement(
        StatementHeader header,
        Quarter period,
        String programId,
        String programSha256,
        BigDecimal openingBalance,
        List<Movement> movements,
        BigDecimal closingBalance,
        Bonus bonus,
        BigDecimal expiringAtYearEnd) {

    public QuarterStatement(StatementHeader header, Quarter period, String programId, String programSha256,
                            BigDecimal openingBalance, List<Movement> movements, BigDecimal closingBalance,
                            Bonus bonus) {
        this(header, period, programId, programSha256, openingBalance, movements, closingBalance, bonus, null);
    }

    public QuarterStatement {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(programSha256, "programSha256");
        Objects.requireNonNull(openingBalance, "openingBalance");
        Objects.requireNonNull(closingBalance, "closingBalance");
        Objects.requireNonNull(bonus, "bonus");
        if (expiringAtYearEnd != null && expiringAtYearEnd.signum() < 0) {
            throw new IllegalArgumentException(header.documentId() + ": a negative balance is carried, never expired: "
                    + expiringAtYearEnd);
        }
        movements = movements.stream().sorted(Comparator.comparing(Movement::date)).toList();
        for (Movement m : movements) {
            if (!period.contains(m.date())) {
                throw new IllegalArgumentException(header.documentId() + ": " + m.type() + " on " + m.date()
                        + " lies outside " + period);
            }
        }
        if (!bonus.creditDate().equals(period.dayAfter())) {
            throw new IllegalArgumentException(header.documentId() + ": the bonus of " + period + " is credited on "
                    + period.dayAfter() + ", not " + bonus.creditDate());
        }
        // The statement must reconcile: a mismatch means the caller read the ledger wrongly, so refuse to print it.
        BigDecimal computed = BalanceSummary.of(openingBalance, movements).closing();
        if (computed.compareTo(closingBalance) != 0) {
            throw new IllegalArgumentException(header.documentId() + ": opening " + openingBalance
                    + " plus the movements is " + computed + ", not the closing balance " + closingBalance);
        }
    }

    /** The last day of the quarter's year, when the fund expires. */
    public java.time.LocalDate expiryDate() {
        return java.time.LocalDate.of(period.year(), 12, 31);
    }

    public BalanceSummary summary() {
        return BalanceSummary.of(openingBalance, movements);
    }
}
