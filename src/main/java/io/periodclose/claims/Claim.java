package io.periodclose.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One marketing claim of a distributor, as imported (SPEC §2): amount ≥ 0 in the distributor's currency. */
public record Claim(String claimId, LocalDate claimDate, String direction, BigDecimal amount) {

    public Claim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimDate, "claimDate");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("claim " + claimId + ": amount " + amount + " is negative");
        }
    }
}
