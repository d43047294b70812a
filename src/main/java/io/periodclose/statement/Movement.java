package io.periodclose.statement;

import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One ledger movement of the distributor's bonus fund, as the statement lists it.
 *
 * @param date        the entry's effective date
 * @param forQuarter  the quarter whose bonus an ACCRUAL or ADJUSTMENT is for; {@code null} for SPEND, EXPIRY and
 *                    ANNUAL (whose year is the one before its date)
 * @param note        optional free text shown after the generated wording (e.g. why an adjustment was made); the
 *                    renderer words the line itself from the type, so that it reads in the statement's language
 * @param amount      signed from the fund's point of view: credit (+), debit (−)
 * @param claim       the claim behind a SPEND, else {@code null}
 */
public record Movement(
        LocalDate date,
        MovementType type,
        Quarter forQuarter,
        String note,
        BigDecimal amount,
        ClaimDetail claim) {

    public Movement {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        note = note == null ? "" : note;
        boolean needsQuarter = type == MovementType.ACCRUAL || type == MovementType.ADJUSTMENT;
        if (needsQuarter != (forQuarter != null)) {
            throw new IllegalArgumentException(type + " on " + date + (needsQuarter ? " needs" : " takes no")
                    + " quarter");
        }
        if ((type == MovementType.SPEND) != (claim != null)) {
            throw new IllegalArgumentException(type + " on " + date + (claim == null ? " needs" : " takes no")
                    + " claim");
        }
        if (claim != null && amount.compareTo(claim.covered().negate()) != 0) {
            throw new IllegalArgumentException("SPEND of claim " + claim.claimId() + " must be −" + claim.covered()
                    + ", not " + amount);
        }
        if (((type == MovementType.ACCRUAL || type == MovementType.ANNUAL) && amount.signum() < 0)
                || (type == MovementType.EXPIRY && amount.signum() > 0)) {
            throw new IllegalArgumentException(type + " on " + date + " has the wrong sign: " + amount);
        }
    }

    /** The bonus of {@code quarter}, credited on the first day after it. */
    public static Movement accrual(Quarter quarter, BigDecimal amount) {
        return new Movement(quarter.dayAfter(), MovementType.ACCRUAL, quarter, null, amount, null);
    }

    /** A re-close's signed delta for {@code quarter}'s bonus, effective on the re-close's business date. */
    public static Movement adjustment(LocalDate date, Quarter quarter, BigDecimal delta, String note) {
        return new Movement(date, MovementType.ADJUSTMENT, quarter, note, delta, null);
    }

    /** The claim's covered part, debited on the claim date (a line of 0 when nothing was covered). */
    public static Movement spend(ClaimDetail claim) {
        return new Movement(claim.claimDate(), MovementType.SPEND, null, null, claim.covered().negate(), claim);
    }

    /** {@code expired} (≥ 0) of unused bonus debited at 31 December of {@code year}. */
    public static Movement expiry(int year, BigDecimal expired) {
        return new Movement(LocalDate.of(year, 12, 31), MovementType.EXPIRY, null, null, expired.negate(), null);
    }

    /** The annual rebate of {@code year}, credited on 1 January of the next year. */
    public static Movement annual(int year, BigDecimal amount) {
        return new Movement(LocalDate.of(year + 1, 1, 1), MovementType.ANNUAL, null, null, amount, null);
    }

    /** The year an ANNUAL movement is the rebate of. */
    public int annualYear() {
        return date.getYear() - 1;
    }
}
