package io.periodclose.statement;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The statement's reconciliation line: {@code opening + accrued ± adjustments − spent − expired = closing}.
 * {@code spent} and {@code expired} are positive (what left the fund); {@code adjustments} keeps its sign.
 * {@code accrued} counts the annual rebate (SPEC §8.2) with the quarters' bonuses: both are bonus credited.
 */
public record BalanceSummary(
        BigDecimal opening,
        BigDecimal accrued,
        BigDecimal adjustments,
        BigDecimal spent,
        BigDecimal expired,
        BigDecimal closing) {

    /** Sums the movements by type; {@code closing} is opening plus every movement. */
    public static BalanceSummary of(BigDecimal opening, List<Movement> movements) {
        Map<MovementType, BigDecimal> sums = new EnumMap<>(MovementType.class);
        for (MovementType type : MovementType.values()) {
            sums.put(type, BigDecimal.ZERO);
        }
        for (Movement m : movements) {
            sums.merge(m.type(), m.amount(), BigDecimal::add);
        }
        BigDecimal accrued = sums.get(MovementType.ACCRUAL).add(sums.get(MovementType.ANNUAL));
        BigDecimal adjustments = sums.get(MovementType.ADJUSTMENT);
        BigDecimal spent = sums.get(MovementType.SPEND).negate();
        BigDecimal expired = sums.get(MovementType.EXPIRY).negate();
        return new BalanceSummary(opening, accrued, adjustments, spent, expired,
                opening.add(accrued).add(adjustments).subtract(spent).subtract(expired));
    }

    /** The net change over the period. */
    public BigDecimal change() {
        return closing.subtract(opening);
    }
}
