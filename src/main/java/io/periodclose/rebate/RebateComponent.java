package io.periodclose.rebate;

import io.periodclose.program.Promo;
import io.periodclose.program.Rung;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a quarter's bonus, with what finance needs to answer "why this figure".
 *
 * @param amount      the component, rounded HALF_UP to the currency's minor unit
 * @param base        what {@code rate} is a percentage of: T for BASE, ATTAINMENT and GROWTH, L for PROMO
 * @param rate        the percentage applied; 0 when nothing applies (no rung reached, no target, no positive turnover)
 * @param rung        the attainment or growth rung reached, else {@code null}
 * @param percent     the attainment or growth percentage reached, rounded down to 2 decimals for display; {@code null}
 *                    when it is not defined (BASE, PROMO, no target, last year's turnover not positive, T ≤ 0)
 * @param promo       the promo rule of a PROMO component, else {@code null}
 * @param explanation the same facts as one English sentence, a fallback for logs and untranslated statements
 * @param days        of an EARLY_PAYMENT component: how many days before the due date a payment had to be made,
 *                    else {@code null}
 * @param place       of a TOP_PERFORMER component: the distributor's place in its tier by growth, {@code null} when
 *                    it does not rank (and for the other kinds)
 */
public record RebateComponent(
        Kind kind,
        BigDecimal amount,
        BigDecimal base,
        BigDecimal rate,
        Rung rung,
        BigDecimal percent,
        Promo promo,
        String explanation,
        Integer days,
        TurnoverFigures.GrowthPlace place) {

    /** In the order a statement lists them (SPEC §4, §8). */
    public enum Kind { BASE, ATTAINMENT, GROWTH, PROMO, EARLY_PAYMENT, TOP_PERFORMER }

    public RebateComponent(Kind kind, BigDecimal amount, BigDecimal base, BigDecimal rate, Rung rung,
                           BigDecimal percent, Promo promo, String explanation) {
        this(kind, amount, base, rate, rung, percent, promo, explanation, null, null);
    }

    public RebateComponent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(explanation, "explanation");
    }
}
