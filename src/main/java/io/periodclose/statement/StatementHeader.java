package io.periodclose.statement;

import io.periodclose.money.Currencies;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Who issues the statement to whom, and which document it is; the same on quarter and annual statements.
 *
 * @param issuerName      the manufacturer running the programme, printed at the top
 * @param distributorCode the distributor's code in the master data
 * @param legalName       the distributor's full legal name; any length, it wraps
 * @param currency        ISO 4217 code of every amount on the statement
 * @param documentId      the statement's unique id, printed on every page
 * @param approval        who approved the figures and when (SPEC §9), null when the run needed no approval
 */
public record StatementHeader(
        String issuerName,
        String distributorCode,
        String legalName,
        String currency,
        String documentId,
        LocalDate issueDate,
        Approved approval) {

    /** Who approved the figures of the run the statement belongs to, and when. */
    public record Approved(String by, java.time.OffsetDateTime at) {
    }

    public StatementHeader(String issuerName, String distributorCode, String legalName, String currency,
                           String documentId, LocalDate issueDate) {
        this(issuerName, distributorCode, legalName, currency, documentId, issueDate, null);
    }

    public StatementHeader {
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(distributorCode, "distributorCode");
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(issueDate, "issueDate");
        Currencies.minorDigits(currency); // an unknown currency cannot be formatted: refuse it here
    }
}
