package io.periodclose.ledger;

public enum EntryType { ACCRUAL, ADJUSTMENT, SPEND, EXPIRY }
