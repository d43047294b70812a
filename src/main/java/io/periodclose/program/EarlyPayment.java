package io.periodclose.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The {@code early-payment} section (SPEC §8.3): a payment made at least {@code days} days before its invoice's due
 * date earns {@code rate} percent of the amount paid.
 */
public record EarlyPayment(int days, BigDecimal rate) {

    public EarlyPayment {
        Objects.requireNonNull(rate, "rate");
        if (days < 0) {
            throw new IllegalArgumentException("days must be 0 or more, not " + days);
        }
    }

    /**
     * Whether a payment on {@code paidDate} of an invoice due on {@code dueDate} is early enough: paid on or before
     * {@code dueDate − days}. Exactly {@code days} before counts, a day later does not.
     */
    public boolean isEarly(LocalDate paidDate, LocalDate dueDate) {
        return !paidDate.isAfter(latestEarlyDate(dueDate));
    }

    /** The last paid date that still counts as early for an invoice due on {@code dueDate}. */
    public LocalDate latestEarlyDate(LocalDate dueDate) {
        return dueDate.minusDays(days);
    }
}
