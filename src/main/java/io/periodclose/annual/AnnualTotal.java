package io.periodclose.annual;

import java.math.BigDecimal;

/** A distributor's annual rebate of a year as the posting step reads it back. */
public record AnnualTotal(String distributor, String currency, BigDecimal total) {
}
