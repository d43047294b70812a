package io.periodclose.expiry;

import java.math.BigDecimal;

/** A distributor's bonus fund balance at the end of the year. */
public record Balance(String distributor, String currency, BigDecimal amount) {
}
