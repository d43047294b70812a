package io.periodclose.statement;

import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A distributor's statement for a year (SPEC §6): the year's movements by quarter, the year-end expiry and the
 * closing balance, and the annual rebate of the year with its explanation (SPEC §8.2), which is credited on
 * 1 January of the next year and so is none of this year's movements.
 *
 * @param movements      every entry effective inside the year except the expiry, in any order
 * @param expired        what the year-end expiry took from the fund (≥ 0); 0 when the balance was not positive
 * @param closingBalance the balance at the end of 31 December, after the expiry
 * @param annualBonus    the annual rebate of the year, {@code null} when the programme has none
 */
public record AnnualStatement(
        StatementHeader header,
        int year,
        BigDecimal openingBalance,
        List<Movement> movements,
        BigDecimal expired,
        BigDecimal closingBalance,
        AnnualBonus annualBonus) {

    /** A statement of a year without an annual rebate. */
    public AnnualStatement(StatementHeader header, int year, BigDecimal openingBalance, List<Movement> movements,
                           BigDecimal expired, BigDecimal closingBalance) {
        this(header, year, openingBalance, movements, expired, closingBalance, null);
    }

    /** One quarter's part of the year, with its own opening and closing balance. */
    public record QuarterSection(Quarter quarter, List<Movement> movements, BalanceSummary summary) {
    }

    public AnnualStatement {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(openingBalance, "openingBalance");
        Objects.requireNonNull(expired, "expired");
        Objects.requireNonNull(closingBalance, "closingBalance");
        movements = movements.stream().sorted(Comparator.comparing(Movement::date)).toList();
        for (Movement m : movements) {
            if (m.date().getYear() != year) {
                throw new IllegalArgumentException(header.documentId() + ": " + m.type() + " on " + m.date()
                        + " lies outside " + year);
            }
            if (m.type() == MovementType.EXPIRY) {
                throw new IllegalArgumentException(header.documentId() + ": the expiry is given as 'expired', "
                        + "not among the movements");
            }
        }
        if (annualBonus != null && !annualBonus.creditDate().equals(LocalDate.of(year + 1, 1, 1))) {
            throw new IllegalArgumentException(header.documentId() + ": the annual rebate of " + year
                    + " is credited on " + (year + 1) + "-01-01, not " + annualBonus.creditDate());
        }
        BigDecimal beforeExpiry = BalanceSummary.of(openingBalance, movements).closing();
        // SPEC §5: a positive balance expires whole, a negative one is carried. Anything else is a misread ledger.
        if (expired.compareTo(beforeExpiry.max(BigDecimal.ZERO)) != 0) {
            throw new IllegalArgumentException(header.documentId() + ": the balance before the expiry is "
                    + beforeExpiry + ", so " + beforeExpiry.max(BigDecimal.ZERO) + " expires, not " + expired);
        }
        if (beforeExpiry.subtract(expired).compareTo(closingBalance) != 0) {
            throw new IllegalArgumentException(header.documentId() + ": opening " + openingBalance
                    + " plus the movements minus the expiry is " + beforeExpiry.subtract(expired)
                    + ", not the closing balance " + closingBalance);
        }
    }

    /** All four quarters in order, also those without movements, each carrying on from the one before. */
    public List<QuarterSection> quarters() {
        List<QuarterSection> sections = new ArrayList<>(4);
        BigDecimal opening = openingBalance;
        for (int n = 1; n <= 4; n++) {
            Quarter q = new Quarter(year, n);
            List<Movement> inQuarter = movements.stream().filter(m -> q.contains(m.date())).toList();
            BalanceSummary summary = BalanceSummary.of(opening, inQuarter);
            sections.add(new QuarterSection(q, inQuarter, summary));
            opening = summary.closing();
        }
        return sections;
    }

    /** The date the expiry is effective. */
    public LocalDate expiryDate() {
        return LocalDate.of(year, 12, 31);
    }

    /** The balance at the end of the year before the expiry took the unused bonus. */
    public BigDecimal balanceBeforeExpiry() {
        return closingBalance.add(expired);
    }

    /** The year's reconciliation, the expiry included. */
    public BalanceSummary summary() {
        List<Movement> all = new ArrayList<>(movements);
        if (expired.signum() > 0) {
            all.add(Movement.expiry(year, expired));
        }
        return BalanceSummary.of(openingBalance, all);
    }
}
