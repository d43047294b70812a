package io.periodclose.claims;

import io.periodclose.money.Currencies;
import io.periodclose.program.CoFunding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one distributor's claims of a quarter to the bonus fund (SPEC §5), in order of (claim_date, claim_id).
 * Pure: the caller supplies the fund's balance and posts the resulting SPEND entries.
 */
public final class CoFundingCalculator {

    /** The order claims are applied in. Ids compare as text by code point, like PostgreSQL's {@code COLLATE "C"}. */
    public static final Comparator<Claim> ORDER =
            Comparator.comparing(Claim::claimDate).thenComparing(Claim::claimId);

    private CoFundingCalculator() {
    }

    /**
     * @param currency            the distributor's currency; every claim is in it
     * @param balanceBeforeSpends the fund's balance at the end of a date (entries effective on or before it) WITHOUT
     *                            the spends of the claims being settled; asked once per distinct claim date. Ledger
     *                            entries dated between claims, such as the previous quarter's accrual effective on the
     *                            quarter's first day, are the caller's to include.
     * @param claims              the distributor's claims of the quarter, in any order
     * @return one settlement per claim, in the order they were applied
     */
    public static List<ClaimSettlement> settle(String currency, CoFunding coFunding,
                                               Function<LocalDate, BigDecimal> balanceBeforeSpends,
                                               Collection<Claim> claims) {
        int digits = Currencies.minorDigits(currency);
        List<Claim> ordered = claims.stream().sorted(ORDER).toList();
        checkUniqueIds(ordered);

        Map<LocalDate, BigDecimal> balances = new HashMap<>();
        BigDecimal spent = BigDecimal.ZERO;
        List<ClaimSettlement> settlements = new ArrayList<>(ordered.size());
        for (Claim claim : ordered) {
            BigDecimal amount = inMinorUnits(claim, digits, currency);
            BigDecimal share = coFunding.shareFor(claim.direction());
            BigDecimal requested = Currencies.round(amount.multiply(share).movePointLeft(2), currency);
            BigDecimal balance = balances.computeIfAbsent(claim.claimDate(), date -> Objects.requireNonNull(
                    balanceBeforeSpends.apply(date), () -> "no balance for " + date)).subtract(spent);
            // Rounded down so a balance with stray extra digits can never cover more than it holds.
            BigDecimal available = balance.max(BigDecimal.ZERO).setScale(digits, RoundingMode.FLOOR);
            BigDecimal covered = requested.min(available);
            spent = spent.add(covered);
            settlements.add(new ClaimSettlement(claim, share, requested, balance, covered, amount.subtract(covered),
                    status(requested, covered)));
        }
        return settlements;
    }

    /**
     * A balance function for {@link #settle}: {@code opening} plus every movement dated on or before the date asked
     * for. Movements are the non-spend entries of the fund (accruals, adjustments) by effective date.
     */
    public static Function<LocalDate, BigDecimal> balanceBeforeSpends(BigDecimal opening,
                                                                      Map<LocalDate, BigDecimal> movements) {
        Objects.requireNonNull(opening, "opening");
        Map<LocalDate, BigDecimal> copy = Map.copyOf(movements);
        return date -> copy.entrySet().stream().filter(e -> !e.getKey().isAfter(date)).map(Map.Entry::getValue)
                .reduce(opening, BigDecimal::add);
    }

    // A request of 0 (a claim of 0.00) is fully met, whatever the balance: COVERED, not UNCOVERED.
    private static ClaimStatus status(BigDecimal requested, BigDecimal covered) {
        if (covered.compareTo(requested) == 0) {
            return ClaimStatus.COVERED;
        }
        return covered.signum() == 0 ? ClaimStatus.UNCOVERED : ClaimStatus.PARTIAL;
    }

    private static BigDecimal inMinorUnits(Claim claim, int digits, String currency) {
        try {
            return claim.amount().setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("claim " + claim.claimId() + ": amount " + claim.amount()
                    + " has more decimals than " + currency + " allows (" + digits + ")");
        }
    }

    private static void checkUniqueIds(List<Claim> claims) {
        Set<String> seen = new HashSet<>();
        for (Claim claim : claims) {
            if (!seen.add(claim.claimId())) {
                throw new IllegalArgumentException("claim " + claim.claimId() + " appears twice");
            }
        }
    }
}
