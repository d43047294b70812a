package io.periodclose.claims;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one claim cost the bonus fund and the distributor (SPEC §5). Amounts carry the currency's minor digits.
 *
 * @param share           the percentage of the claim the bonus pays: 100 for a key direction, else the programme's share
 * @param requested       round(amount × share / 100), HALF_UP
 * @param balanceBefore   the fund's balance at the claim date after the spends of the claims settled before this one;
 *                        may be negative
 * @param covered         min(requested, max(balanceBefore, 0)): the SPEND posted for this claim
 * @param distributorPays amount − covered
 */
public record ClaimSettlement(
        Claim claim,
        BigDecimal share,
        BigDecimal requested,
        BigDecimal balanceBefore,
        BigDecimal covered,
        BigDecimal distributorPays,
        ClaimStatus status) {

    public ClaimSettlement {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(balanceBefore, "balanceBefore");
        Objects.requireNonNull(covered, "covered");
        Objects.requireNonNull(distributorPays, "distributorPays");
        Objects.requireNonNull(status, "status");
    }

    /** The balance left for the next claim. */
    public BigDecimal balanceAfter() {
        return balanceBefore.subtract(covered);
    }
}
