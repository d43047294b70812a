package io.periodclose.statement;

/** The kinds of ledger entry that move a distributor's bonus fund (SPEC §5). */
public enum MovementType {
    /** A quarter's bonus, effective the first day after that quarter: a credit. */
    ACCRUAL,
    /** The signed difference a re-close posted for an earlier quarter. */
    ADJUSTMENT,
    /** The covered part of a marketing claim: a debit (0 when nothing was covered). */
    SPEND,
    /** Unused bonus expired at 31 December: a debit. */
    EXPIRY,
    /** The annual rebate of the year before (SPEC §8.2), credited on 1 January: a credit. */
    ANNUAL
}
