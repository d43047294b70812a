package io.periodclose.ledger;

import java.math.BigDecimal;

/** A distributor's bonus of the quarter as a close run calculated it. */
public record RebateTotal(String distributor, String currency, BigDecimal total) {
}
