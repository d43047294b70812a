package io.periodclose.ledger;

/** The kinds of ledger entry of SPEC §5, and ANNUAL: §8.2's annual rebate, credited on 1 January of the next year. */
public enum EntryType { ACCRUAL, ADJUSTMENT, SPEND, EXPIRY, ANNUAL }
