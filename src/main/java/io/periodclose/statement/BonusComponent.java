package io.periodclose.statement;

import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateComponent;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of the quarter's bonus with what explains it (SPEC §4).
 *
 * @param base    what {@code rate} is a percentage of: the quarter's turnover, or the promo line's turnover
 * @param rate    the percentage applied; 0 when nothing applied
 * @param rung    the attainment or growth rung reached, else {@code null}
 * @param percent the attainment or growth percentage reached (for display), else {@code null}
 * @param promo   the promo rule of a PROMO line, else {@code null}
 */
public record BonusComponent(
        Kind kind,
        BigDecimal base,
        BigDecimal rate,
        Rung rung,
        BigDecimal percent,
        Promo promo,
        BigDecimal amount) {

    public enum Kind { BASE, ATTAINMENT, GROWTH, PROMO }

    public BonusComponent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(amount, "amount");
        if ((kind == Kind.PROMO) != (promo != null)) {
            throw new IllegalArgumentException(kind + (promo == null ? " needs" : " takes no") + " promo rule");
        }
    }

    public static BonusComponent of(RebateComponent c) {
        return new BonusComponent(Kind.valueOf(c.kind().name()), c.base(), c.rate(), c.rung(), c.percent(), c.promo(),
                c.amount());
    }
}
