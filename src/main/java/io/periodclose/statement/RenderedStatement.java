package io.periodclose.statement;

import java.math.BigDecimal;

/** A statement on its way to disk: its PDF, or why it could not be rendered. */
record RenderedStatement(String distributor, String currency, String fileName, byte[] pdf, BigDecimal closingBalance,
                         String problem) {
}
