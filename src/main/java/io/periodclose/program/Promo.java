package io.periodclose.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** An extra {@code rate} percent on one product line's net turnover dated from {@code from} to {@code to}, both inclusive. */
public record Promo(String productLine, LocalDate from, LocalDate to, BigDecimal rate) {

    public Promo {
        Objects.requireNonNull(productLine, "productLine");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rate, "rate");
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
