package io.periodclose.rebate;

import io.periodclose.money.Currencies;
import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.EarlyPayment;
import io.periodclose.program.Promo;
import io.periodclose.program.TopPerformers;
import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateComponent.Kind;
import io.periodclose.rebate.TurnoverFigures.GrowthPlace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The quarter's bonus of one distributor, exactly as SPEC §4 defines it: exact decimals throughout, each component
 * rounded HALF_UP to the currency's minor unit, then summed and capped. Pure and stateless, so a restarted or
 * re-run close step computes the same figures from the same inputs.
 */
public final class RebateCalculator {

    static final String NO_POSITIVE_TURNOVER = "no positive turnover";
    static final String NO_TARGET = "no target";

    private RebateCalculator() {
    }

    public static RebateCalculation calculate(BonusProgram program, TurnoverFigures figures) {
        checkFits(program, figures);
        Money money = new Money(figures.currency());
        BigDecimal t = figures.turnover();

        List<RebateComponent> components = new ArrayList<>();
        components.add(base(program, figures, money));
        components.add(attainment(program, figures, money));
        components.add(growth(program, figures, money));
        for (int i = 0; i < program.promos().size(); i++) {
            Promo promo = program.promos().get(i);
            // A promo outside the quarter is not part of this quarter's bonus; listing it would only add noise.
            if (overlaps(promo, figures.quarter())) {
                components.add(promo(promo, figures.promoTurnover().get(i), t, money));
            }
        }
        program.earlyPayment().ifPresent(rule -> components.add(earlyPayment(rule, figures, money)));
        program.topPerformers().ifPresent(rule -> components.add(topPerformer(rule, figures, money)));

        BigDecimal uncapped = money.zero();
        for (RebateComponent component : components) {
            uncapped = uncapped.add(component.amount());
        }
        // With T ≤ 0 the formula would give a negative cap and so a negative bonus; every component is 0 instead.
        BigDecimal capAmount = t.signum() > 0 ? money.round(percentOf(t, program.cap())) : money.zero();
        boolean capApplied = uncapped.compareTo(capAmount) > 0;
        BigDecimal total = capApplied ? capAmount : uncapped;
        return new RebateCalculation(program.id(), figures, components, uncapped, program.cap(), capAmount,
                capApplied, total, nextAttainmentRung(program, figures, money));
    }

    private static void checkFits(BonusProgram program, TurnoverFigures figures) {
        if (figures.quarter().year() != program.year()) {
            throw new IllegalArgumentException("programme " + program.id() + " is for " + program.year()
                    + ", not for " + figures.quarter());
        }
        if (figures.promoTurnover().size() != program.promos().size()) {
            throw new IllegalArgumentException("distributor " + figures.distributorCode() + ": "
                    + figures.promoTurnover().size() + " promo turnovers for the " + program.promos().size()
                    + " promo rules of programme " + program.id());
        }
        program.topPerformers().ifPresent(rule -> {
            if (TopPerformerRanking.qualifies(rule, figures) != (figures.growthPlace() != null)) {
                // The ranking step and the calculation must agree on who ranks, or a place would be paid or lost.
                throw new IllegalArgumentException("distributor " + figures.distributorCode() + ": growth place "
                        + figures.growthPlace() + " disagrees with the top-performer rule " + rule);
            }
        });
        for (int i = 0; i < program.promos().size(); i++) {
            Promo promo = program.promos().get(i);
            if (!overlaps(promo, figures.quarter()) && figures.promoTurnover().get(i).signum() != 0) {
                // Would be silently dropped otherwise: the extract step counted lines outside the window.
                throw new IllegalArgumentException("distributor " + figures.distributorCode() + ": promo " + i
                        + " (" + promo.productLine() + " " + promo.from() + " to " + promo.to()
                        + ") lies outside " + figures.quarter() + " yet has turnover " + figures.promoTurnover().get(i));
            }
        }
    }

    private static RebateComponent earlyPayment(EarlyPayment rule, TurnoverFigures figures, Money money) {
        BigDecimal t = figures.turnover();
        BigDecimal e = figures.earlyPaid();
        String early = " made at least " + rule.days() + " days before the due date";
        String paid = "payments " + money.format(e) + early;
        if (t.signum() <= 0) {
            return new RebateComponent(Kind.EARLY_PAYMENT, money.zero(), e, BigDecimal.ZERO, null, null, null,
                    NO_POSITIVE_TURNOVER + " (turnover " + money.format(t) + "; " + paid + ")", rule.days(), null);
        }
        if (e.signum() <= 0) {
            return new RebateComponent(Kind.EARLY_PAYMENT, money.zero(), e, BigDecimal.ZERO, null, null, null,
                    "no payment" + early, rule.days(), null);
        }
        return new RebateComponent(Kind.EARLY_PAYMENT, money.round(percentOf(e, rule.rate())), e, rule.rate(), null,
                null, null, rule.rate().toPlainString() + "% of " + paid, rule.days(), null);
    }

    private static RebateComponent topPerformer(TopPerformers rule, TurnoverFigures figures, Money money) {
        BigDecimal t = figures.turnover();
        BigDecimal p = figures.lastYearTurnover();
        if (t.signum() <= 0) {
            return noPositiveTurnover(Kind.TOP_PERFORMER, t, money);
        }
        if (p.signum() <= 0) {
            return zero(Kind.TOP_PERFORMER, t, null, "not ranked by growth: turnover in the same quarter last year was "
                    + money.format(p), money);
        }
        Percentage grown = new Percentage(t.subtract(p), p);
        GrowthPlace place = figures.growthPlace();
        if (place == null) {
            return zero(Kind.TOP_PERFORMER, t, grown.display(), "growth " + grown.display().toPlainString()
                    + "% is below the " + rule.minGrowth().toPlainString() + "% the top performers need", money);
        }
        String ranked = "place " + place.place() + " of " + place.ranked() + " in " + figures.tier() + " by growth ("
                + grown.display().toPlainString() + "%)";
        return rule.rateOfPlace(place.place())
                .map(rate -> new RebateComponent(Kind.TOP_PERFORMER, money.round(percentOf(t, rate)), t, rate, null,
                        grown.display(), null, ranked + ": " + rate.toPlainString() + "% of turnover "
                        + money.format(t), null, place))
                .orElseGet(() -> new RebateComponent(Kind.TOP_PERFORMER, money.zero(), t, BigDecimal.ZERO, null,
                        grown.display(), null, ranked + ": the programme pays the first " + rule.places().size()
                        + " places", null, place));
    }

    private static RebateComponent base(BonusProgram program, TurnoverFigures figures, Money money) {
        BigDecimal t = figures.turnover();
        if (t.signum() <= 0) {
            return noPositiveTurnover(Kind.BASE, t, money);
        }
        BigDecimal rate = program.tierRate(figures.tier());
        return new RebateComponent(Kind.BASE, money.round(percentOf(t, rate)), t, rate, null, null, null,
                rate.toPlainString() + "% of turnover " + money.format(t) + " (tier " + figures.tier() + ")");
    }

    private static RebateComponent attainment(BonusProgram program, TurnoverFigures figures, Money money) {
        BigDecimal t = figures.turnover();
        BigDecimal target = figures.target();
        if (t.signum() <= 0) {
            return noPositiveTurnover(Kind.ATTAINMENT, t, money);
        }
        if (target == null || target.signum() <= 0) {
            String why = target == null ? NO_TARGET : NO_TARGET + " (the target is " + money.format(target) + ")";
            return zero(Kind.ATTAINMENT, t, null, why, money);
        }
        Percentage attained = new Percentage(t, target);
        return ladder(Kind.ATTAINMENT, program.attainment(), attained, t, money,
                "attainment " + attained.display().toPlainString() + "% of target " + money.format(target));
    }

    private static RebateComponent growth(BonusProgram program, TurnoverFigures figures, Money money) {
        BigDecimal t = figures.turnover();
        BigDecimal p = figures.lastYearTurnover();
        if (t.signum() <= 0) {
            return noPositiveTurnover(Kind.GROWTH, t, money);
        }
        if (p.signum() <= 0) {
            return zero(Kind.GROWTH, t, null,
                    "no growth: turnover in the same quarter last year was " + money.format(p), money);
        }
        Percentage grown = new Percentage(t.subtract(p), p);
        return ladder(Kind.GROWTH, program.growth(), grown, t, money, "growth " + grown.display().toPlainString()
                + "% over last year's " + money.format(p));
    }

    private static RebateComponent ladder(Kind kind, List<Rung> rungs, Percentage reached, BigDecimal t,
                                          Money money, String what) {
        Optional<Rung> rung = reached.highestReached(rungs);
        if (rung.isEmpty()) {
            String why = rungs.isEmpty() ? ": the programme has no rungs"
                    : " is below the lowest rung (" + lowest(rungs).toPlainString() + "%)";
            return zero(kind, t, reached.display(), what + why, money);
        }
        Rung r = rung.get();
        return new RebateComponent(kind, money.round(percentOf(t, r.rate())), t, r.rate(), r, reached.display(), null,
                what + " reaches the " + r.from().toPlainString() + "% rung: " + r.rate().toPlainString()
                        + "% of turnover " + money.format(t));
    }

    private static BigDecimal lowest(List<Rung> rungs) {
        BigDecimal lowest = rungs.get(0).from();
        for (Rung r : rungs) {
            lowest = lowest.min(r.from());
        }
        return lowest;
    }

    private static RebateComponent promo(Promo promo, BigDecimal l, BigDecimal t, Money money) {
        String line = promo.productLine() + " turnover " + money.format(l) + " from " + promo.from() + " to "
                + promo.to();
        if (t.signum() <= 0) {
            return new RebateComponent(Kind.PROMO, money.zero(), l, BigDecimal.ZERO, null, null, promo,
                    NO_POSITIVE_TURNOVER + " (turnover " + money.format(t) + "; " + line + ")");
        }
        if (l.signum() <= 0) {
            return new RebateComponent(Kind.PROMO, money.zero(), l, BigDecimal.ZERO, null, null, promo,
                    "no positive " + line);
        }
        return new RebateComponent(Kind.PROMO, money.round(percentOf(l, promo.rate())), l, promo.rate(), null, null,
                promo, promo.rate().toPlainString() + "% of " + line);
    }

    private static NextRung nextAttainmentRung(BonusProgram program, TurnoverFigures figures, Money money) {
        BigDecimal target = figures.target();
        if (target == null || target.signum() <= 0) {
            return null;
        }
        BigDecimal t = figures.turnover();
        return new Percentage(t, target).lowestNotReached(program.attainment())
                .map(r -> new NextRung(r, money.roundUp(percentOf(target, r.from()).subtract(t))))
                .orElse(null);
    }

    private static RebateComponent noPositiveTurnover(Kind kind, BigDecimal t, Money money) {
        return zero(kind, t, null, NO_POSITIVE_TURNOVER + " (turnover " + money.format(t) + ")", money);
    }

    private static RebateComponent zero(Kind kind, BigDecimal base, BigDecimal percent, String why, Money money) {
        return new RebateComponent(kind, money.zero(), base, BigDecimal.ZERO, null, percent, null, why);
    }

    private static boolean overlaps(Promo promo, Quarter quarter) {
        return !promo.to().isBefore(quarter.firstDay()) && !promo.from().isAfter(quarter.lastDay());
    }

    /** amount × rate / 100, exact: moving the decimal point never rounds. */
    private static BigDecimal percentOf(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).movePointLeft(2);
    }

    /** The currency's rounding, its minor digits looked up once per distributor rather than once per figure. */
    private static final class Money {

        private final int digits;

        Money(String currency) {
            this.digits = Currencies.minorDigits(currency);
        }

        BigDecimal round(BigDecimal amount) {
            return amount.setScale(digits, RoundingMode.HALF_UP);
        }

        BigDecimal roundUp(BigDecimal amount) {
            return amount.setScale(digits, RoundingMode.CEILING);
        }

        BigDecimal zero() {
            return round(BigDecimal.ZERO);
        }

        /** As {@link Currencies#format}: plain digits, exactly the minor digits. */
        String format(BigDecimal amount) {
            return round(amount).toPlainString();
        }
    }
}
