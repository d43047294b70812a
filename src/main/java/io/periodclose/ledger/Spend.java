package io.periodclose.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The part of a claim a distributor's bonus fund pays, to be posted as {@link Posting#spend}: held as it is and
 * sent to the ledger as such ({@link Ledger#spend}), so a close builds no posting for each claim. Checked as a
 * posting would be.
 */
public record Spend(String claimId, String distributor, String currency, LocalDate claimDate, BigDecimal covered,
                    String description) {

    public Spend {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimDate, "claimDate");
        Posting.checkAmount(Posting.spendKey(claimId), covered, currency);
        if (covered.signum() == 0) {
            throw new IllegalArgumentException(Posting.spendKey(claimId) + ": only a positive amount is spent, not "
                    + covered);
        }
    }

    public Posting posting(Accounts accounts) {
        return Posting.spend(accounts, distributor, currency, claimId, claimDate, covered, description);
    }
}
