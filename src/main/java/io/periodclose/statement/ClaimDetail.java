package io.periodclose.statement;

import io.periodclose.claims.ClaimSettlement;
import io.periodclose.claims.ClaimStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a SPEND line tells the distributor about its claim: the claim's amount, the part the bonus fund paid and the
 * part left to the distributor. Amounts are positive and carry the currency's minor digits.
 *
 * @param direction   the marketing direction code, e.g. {@code CATALOGUES}
 * @param description the claim's own text as imported (any language); may be empty
 * @param requested   the share of the claim the programme would pay from the bonus (before the balance limited it)
 * @param covered     what the fund paid: the SPEND posted, {@code ≤ requested}
 */
public record ClaimDetail(
        String claimId,
        LocalDate claimDate,
        String direction,
        String description,
        BigDecimal amount,
        BigDecimal requested,
        BigDecimal covered,
        BigDecimal distributorPays) {

    public ClaimDetail {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimDate, "claimDate");
        Objects.requireNonNull(direction, "direction");
        description = description == null ? "" : shown(description);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(covered, "covered");
        Objects.requireNonNull(distributorPays, "distributorPays");
        if (covered.add(distributorPays).compareTo(amount) != 0) {
            throw new IllegalArgumentException("claim " + claimId + ": covered " + covered + " + distributor's part "
                    + distributorPays + " is not the amount " + amount);
        }
        if (covered.signum() < 0 || covered.compareTo(requested) > 0) {
            throw new IllegalArgumentException("claim " + claimId + ": covered " + covered + " is outside 0.."
                    + requested);
        }
    }

    /** The settlement the close computed, with the claim's description from the imported claims. */
    public static ClaimDetail of(ClaimSettlement settlement, String description) {
        var claim = settlement.claim();
        return new ClaimDetail(claim.claimId(), claim.claimDate(), claim.direction(), description, claim.amount(),
                settlement.requested(), settlement.covered(), settlement.distributorPays());
    }

    /**
     * The most characters of a claim's description a statement shows: the renderer's work per line stays bounded
     * whatever was stored before imports limited descriptions to 1,000 characters.
     */
    public static final int DESCRIPTION_SHOWN = 200;

    private static String shown(String description) {
        if (description.length() <= DESCRIPTION_SHOWN) {
            return description;
        }
        int end = DESCRIPTION_SHOWN - 1;
        if (Character.isHighSurrogate(description.charAt(end - 1))) {
            end--;
        }
        return description.substring(0, end) + "…";
    }

    public ClaimStatus status() {
        if (covered.compareTo(requested) == 0) {
            return ClaimStatus.COVERED;
        }
        return covered.signum() == 0 ? ClaimStatus.UNCOVERED : ClaimStatus.PARTIAL;
    }
}
