package io.periodclose.ledger;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One balanced ledger entry to post, with its idempotency key. Built only through the factory methods, which
 * know SPEC §5's four kinds of entry (and §8.2's annual rebate) and their sides, so an unbalanced entry cannot be
 * expressed.
 */
public record Posting(String key, EntryType type, LocalDate effectiveDate, String distributor, String period,
                      String currency, BigDecimal amount, String description, List<Line> lines) {

    /** One side of an entry: exactly one of debit and credit is non-zero. */
    public record Line(String account, String distributor, BigDecimal debit, BigDecimal credit) {
    }

    public Posting {
        Objects.requireNonNull(key);
        checkAmount(key, amount, currency);
        BigDecimal debits = lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = lines.stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (debits.compareTo(credits) != 0) {
            throw new IllegalArgumentException(key + " does not balance: " + debits + " debit, " + credits + " credit");
        }
        lines = List.copyOf(lines);
    }

    /** An entry's amount, whoever builds the entry: never negative (the sides carry the sign), and in minor units. */
    static void checkAmount(String key, BigDecimal amount, String currency) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(key + ": an entry's amount is never negative; the sides carry the sign");
        }
        if (amount.compareTo(Currencies.round(amount, currency)) != 0) {
            throw new IllegalArgumentException(key + ": " + amount + " is not rounded to " + currency + "'s minor unit");
        }
    }

    /** Dr rebate expense / Cr bonus fund of D, effective the first day after the quarter. */
    public static Posting accrual(Accounts accounts, String distributor, String currency, Quarter quarter,
                                  BigDecimal total) {
        return new Posting(accrualKey(distributor, quarter), EntryType.ACCRUAL, quarter.dayAfter(),
                distributor, quarter.toString(), currency, total, accrualDescription(quarter),
                List.of(new Line(accounts.rebateExpense(), null, total, BigDecimal.ZERO),
                        new Line(accounts.bonusFund(), distributor, BigDecimal.ZERO, total)));
    }

    /** The idempotency key of D's accrual of a quarter. */
    public static String accrualKey(String distributor, Quarter quarter) {
        return "ACCRUAL:" + distributor + ":" + quarter;
    }

    /** The description of every accrual of a quarter. */
    public static String accrualDescription(Quarter quarter) {
        return "Bonus " + quarter;
    }

    /** A re-close's signed difference: sides as an accrual when positive, reversed when negative. */
    public static Posting adjustment(Accounts accounts, String distributor, String currency, Quarter quarter,
                                     int sequence, LocalDate businessDate, BigDecimal delta) {
        BigDecimal amount = delta.abs();
        boolean increase = delta.signum() > 0;
        return new Posting("ADJUSTMENT:" + distributor + ":" + quarter + ":" + sequence, EntryType.ADJUSTMENT,
                businessDate, distributor, quarter.toString(), currency, amount,
                "Bonus " + quarter + " re-closed (" + (increase ? "+" : "-") + amount.toPlainString() + ")",
                increase
                        ? List.of(new Line(accounts.rebateExpense(), null, amount, BigDecimal.ZERO),
                                  new Line(accounts.bonusFund(), distributor, BigDecimal.ZERO, amount))
                        : List.of(new Line(accounts.bonusFund(), distributor, amount, BigDecimal.ZERO),
                                  new Line(accounts.rebateExpense(), null, BigDecimal.ZERO, amount)));
    }

    /** Dr bonus fund of D / Cr marketing spend: the part of a claim the bonus pays, on the claim's date. */
    public static Posting spend(Accounts accounts, String distributor, String currency, String claimId,
                                LocalDate claimDate, BigDecimal covered, String description) {
        return new Posting(spendKey(claimId), EntryType.SPEND, claimDate, distributor,
                Quarter.of(claimDate).toString(), currency, covered, description,
                List.of(new Line(accounts.bonusFund(), distributor, covered, BigDecimal.ZERO),
                        new Line(accounts.marketingSpend(), null, BigDecimal.ZERO, covered)));
    }

    /** The idempotency key of the spend of a claim. */
    public static String spendKey(String claimId) {
        return "SPEND:" + claimId;
    }

    /** Dr bonus fund of D / Cr rebate expense: the unused bonus that lapses at 31 December. */
    public static Posting expiry(Accounts accounts, String distributor, String currency, int year, BigDecimal balance) {
        return new Posting("EXPIRY:" + distributor + ":" + year, EntryType.EXPIRY, LocalDate.of(year, 12, 31),
                distributor, year + "-Q4", currency, balance, "Unused bonus " + year + " expired",
                List.of(new Line(accounts.bonusFund(), distributor, balance, BigDecimal.ZERO),
                        new Line(accounts.rebateExpense(), null, BigDecimal.ZERO, balance)));
    }

    /**
     * Dr rebate expense / Cr bonus fund of D: the annual rebate of {@code year} (SPEC §8.2), effective 1 January of
     * the next year so that it is spent then and not expired with the year's fund. Its period is the year it is
     * for.
     */
    public static Posting annual(Accounts accounts, String distributor, String currency, int year, BigDecimal total) {
        return new Posting("ANNUAL:" + distributor + ":" + year, EntryType.ANNUAL, LocalDate.of(year + 1, 1, 1),
                distributor, Integer.toString(year), currency, total, "Annual bonus " + year,
                List.of(new Line(accounts.rebateExpense(), null, total, BigDecimal.ZERO),
                        new Line(accounts.bonusFund(), distributor, BigDecimal.ZERO, total)));
    }
}
