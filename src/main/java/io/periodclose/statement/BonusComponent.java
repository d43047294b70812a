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
 * @param days    of an EARLY_PAYMENT line: how many days before the due date a payment had to be made
 * @param place   of a TOP_PERFORMER line: the place in the tier by growth, {@code null} when not ranked
 * @param ranked  of a TOP_PERFORMER line with a place: how many distributors of the tier rank
 */
public record BonusComponent(
        Kind kind,
        BigDecimal base,
        BigDecimal rate,
        Rung rung,
        BigDecimal percent,
        Promo promo,
        BigDecimal amount,
        Integer days,
        Integer place,
        Integer ranked) {

    public enum Kind { BASE, ATTAINMENT, GROWTH, PROMO, EARLY_PAYMENT, TOP_PERFORMER }

    public BonusComponent(Kind kind, BigDecimal base, BigDecimal rate, Rung rung, BigDecimal percent, Promo promo,
                          BigDecimal amount) {
        this(kind, base, rate, rung, percent, promo, amount, null, null, null);
    }

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
                c.amount(), c.days(), c.place() == null ? null : c.place().place(),
                c.place() == null ? null : c.place().ranked());
    }
}
