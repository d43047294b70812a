package io.periodclose.statement;

import io.periodclose.period.Quarter;
import io.periodclose.statement.BonusComponent.Kind;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a statement into what its template prints: parameters and data rows of ready-worded, ready-formatted text.
 * The templates only lay the text out; every decision about wording and numbers is made here, in plain Java.
 */
final class StatementData {

    /** The parameters and the rows of the main data source of one template. */
    record Fill(Map<String, Object> parameters, List<Map<String, ?>> rows) {
    }

    private StatementData() {
    }

    static Fill quarter(QuarterStatement s, StatementText t) {
        Map<String, Object> p = header(s.header(), t);
        Quarter q = s.period();
        p.put("SUBTITLE", t.text("quarter.subtitle", t.quarter(q)));
        p.put("PERIOD", t.quarter(q) + " (" + t.range(q.firstDay(), q.lastDay()) + ")");
        p.put("PAGE_HEADER", t.text("quarter.subtitle", t.quarter(q)) + " · " + s.header().legalName());
        p.put("PROGRAMME", s.programId());
        p.put("PROGRAMME_SHA256", s.programSha256());
        p.put("OPENING_LABEL", t.text("opening.at", t.date(q.firstDay())));
        p.put("OPENING", t.amount(s.openingBalance()));
        p.put("CLOSING_LABEL", t.text("closing.at", t.date(q.lastDay())));
        p.put("CLOSING", t.amount(s.closingBalance()));
        if (s.expiringAtYearEnd() != null) {
            // the expiry as a motivator: what lapses on 31.12 unless spent, or (Q4) what lapses at this year-end
            p.put("EXPIRY_NOTE", t.text(q.number() == 4 ? "quarter.expired" : "quarter.expiring",
                    t.date(s.expiryDate()), t.amount(s.expiringAtYearEnd()) + " " + s.header().currency()));
        }
        summary(s.summary(), t, p);
        bonus(s.bonus(), q, t, p);

        List<Map<String, ?>> rows = new ArrayList<>(Math.min(s.movements().size(), MOVEMENT_ROWS + 1));
        BigDecimal balance = s.openingBalance();
        int shown = 0;
        for (Movement m : s.movements()) {
            balance = balance.add(m.amount());
            if (++shown <= MOVEMENT_ROWS) {
                rows.add(movement(m, balance, t));
            }
        }
        if (shown > MOVEMENT_ROWS) {
            rows.add(more(s.movements().subList(MOVEMENT_ROWS, shown), balance, t));
        }
        return new Fill(p, rows);
    }

    static Fill annual(AnnualStatement s, StatementText t) {
        Map<String, Object> p = header(s.header(), t);
        String year = String.valueOf(s.year());
        p.put("SUBTITLE", t.text("annual.subtitle", year));
        LocalDate firstDay = LocalDate.of(s.year(), 1, 1);
        p.put("PERIOD", t.range(firstDay, s.expiryDate()));
        p.put("PAGE_HEADER", t.text("annual.subtitle", year) + " · " + s.header().legalName());
        p.put("OPENING_LABEL", t.text("opening.at", t.date(firstDay)));
        p.put("OPENING", t.amount(s.openingBalance()));
        p.put("BEFORE_EXPIRY_LABEL", t.text("annual.beforeExpiry", t.date(s.expiryDate())));
        p.put("BEFORE_EXPIRY", t.amount(s.balanceBeforeExpiry()));
        p.put("EXPIRY_LABEL", t.text("annual.expiry", t.date(s.expiryDate())));
        p.put("EXPIRY", t.signed(s.expired().negate()));
        p.put("CARRIED", s.balanceBeforeExpiry().signum() < 0 ? t.label("annual.carried") : null);
        p.put("CLOSING_LABEL", t.text("closing.at", t.date(s.expiryDate())));
        p.put("CLOSING", t.amount(s.closingBalance()));
        summary(s.summary(), t, p);
        annualBonus(s.annualBonus(), year, t, p);

        List<Map<String, ?>> rows = new ArrayList<>();
        for (AnnualStatement.QuarterSection section : s.quarters()) {
            BalanceSummary sum = section.summary();
            Map<String, Object> group = new HashMap<>();
            group.put("quarter", section.quarter().toString());
            group.put("quarterTitle", t.quarter(section.quarter()) + " · "
                    + t.range(section.quarter().firstDay(), section.quarter().lastDay()));
            group.put("quarterOpeningLabel", t.text("opening.at", t.date(section.quarter().firstDay())));
            group.put("quarterOpening", t.amount(sum.opening()));
            group.put("quarterTotalLabel", t.text("annual.quarterTotal", t.quarter(section.quarter())));
            group.put("quarterDetail", t.text("annual.quarterDetail", t.amount(sum.accrued()),
                    t.signed(sum.adjustments()), t.amount(sum.spent())));
            group.put("quarterChange", t.signed(sum.change()));
            group.put("quarterClosing", t.amount(sum.closing()));
            if (section.movements().isEmpty()) {
                // A quarter without movements still shows, with its balances, so the year reads as four quarters.
                Map<String, Object> row = new HashMap<>(group);
                row.put("text", t.label("noMovements"));
                rows.add(row);
            }
            BigDecimal balance = sum.opening();
            int shown = 0;
            for (Movement m : section.movements()) {
                balance = balance.add(m.amount());
                if (++shown <= MOVEMENT_ROWS) {
                    Map<String, Object> row = new HashMap<>(group);
                    row.putAll(movement(m, balance, t));
                    rows.add(row);
                }
            }
            if (shown > MOVEMENT_ROWS) {
                Map<String, Object> row = new HashMap<>(group);
                row.putAll(more(section.movements().subList(MOVEMENT_ROWS, shown), balance, t));
                rows.add(row);
            }
        }
        return new Fill(p, rows);
    }

    private static Map<String, Object> header(StatementHeader h, StatementText t) {
        Map<String, Object> p = new HashMap<>();
        p.put("ISSUER", h.issuerName());
        p.put("LEGAL_NAME", h.legalName());
        p.put("DISTRIBUTOR_CODE", h.distributorCode());
        p.put("CURRENCY", h.currency());
        p.put("DOCUMENT_ID", h.documentId());
        p.put("ISSUE_DATE", t.date(h.issueDate()));
        if (h.approval() != null) {
            java.time.ZonedDateTime at = h.approval().at().atZoneSameInstant(java.time.ZoneId.systemDefault());
            p.put("APPROVAL", t.text("label.approved", h.approval().by(), t.date(at.toLocalDate()),
                    java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at)));
        }
        return p;
    }

    private static void summary(BalanceSummary s, StatementText t, Map<String, Object> p) {
        p.put("S_OPENING", t.amount(s.opening()));
        p.put("S_ACCRUED", t.amount(s.accrued()));
        p.put("S_ADJUSTMENTS", t.signed(s.adjustments()));
        p.put("S_SPENT", t.amount(s.spent()));
        p.put("S_EXPIRED", t.amount(s.expired()));
        p.put("S_CLOSING", t.amount(s.closing()));
    }

    /**
     * The most movement lines a statement lists (per quarter on the annual statement): the renderer's work per
     * statement stays bounded whatever a distributor's claims number. The rest are summed on one line; the
     * balances and the summary count every movement.
     */
    static final int MOVEMENT_ROWS = 500;

    private static Map<String, Object> more(List<Movement> rest, BigDecimal balanceAfter, StatementText t) {
        BigDecimal total = BigDecimal.ZERO;
        for (Movement m : rest) {
            total = total.add(m.amount());
        }
        Map<String, Object> row = new HashMap<>();
        row.put("date", t.date(rest.get(rest.size() - 1).date()));
        row.put("text", t.text("movements.more", String.valueOf(rest.size())));
        row.put("amount", t.signed(total));
        row.put("balance", t.amount(balanceAfter));
        return row;
    }

    private static Map<String, Object> movement(Movement m, BigDecimal balanceAfter, StatementText t) {
        Map<String, Object> row = new HashMap<>();
        row.put("date", t.date(m.date()));
        String text = switch (m.type()) {
            case ACCRUAL, ADJUSTMENT -> t.text("text." + m.type(), t.quarter(m.forQuarter()));
            case SPEND -> t.text("text.SPEND", m.claim().claimId(),
                    t.labelOr("direction." + m.claim().direction(), m.claim().direction()))
                    + (m.claim().description().isBlank() ? "" : " · " + m.claim().description());
            case EXPIRY -> t.text("text.EXPIRY", t.date(m.date()));
            case ANNUAL -> t.text("text.ANNUAL", String.valueOf(m.annualYear()));
        };
        row.put("text", m.note().isBlank() ? text : text + " · " + m.note());
        if (m.claim() != null) {
            ClaimDetail c = m.claim();
            row.put("detail", t.text("claim." + c.status(), t.amount(c.amount()), t.amount(c.covered()),
                    t.amount(c.distributorPays()), t.amount(c.requested())));
        }
        row.put("amount", t.signed(m.amount()));
        row.put("balance", t.amount(balanceAfter));
        return row;
    }

    private static void bonus(Bonus b, Quarter q, StatementText t, Map<String, Object> p) {
        p.put("BONUS_TITLE", t.text("section.bonus", t.quarter(q)));
        p.put("TURNOVER", t.amount(b.turnover()));
        p.put("TARGET", b.target() == null ? t.label("bonus.noTarget")
                : t.label("bonus.target") + " " + t.amount(b.target()));
        p.put("NO_TURNOVER", b.noPositiveTurnover()
                ? t.text("bonus.noTurnover", t.quarter(q), t.amount(b.turnover())) : null);
        List<Map<String, ?>> components = b.noPositiveTurnover() ? List.of()
                : b.components().stream().<Map<String, ?>>map(c -> component(c, b, t)).toList();
        p.put("COMPONENTS", new JRMapCollectionDataSource(components));
        p.put("UNCAPPED", t.amount(b.uncapped()));
        p.put("CAP_LABEL", b.capApplied() ? t.text("bonus.cap", t.percent(b.capRate())) : null);
        p.put("CAP_AMOUNT", t.amount(b.capAmount()));
        p.put("TOTAL_LABEL", t.text("bonus.total", t.quarter(q)));
        p.put("TOTAL", t.amount(b.total()));
        p.put("CREDIT", t.text("bonus.credit", t.date(b.creditDate())));
        p.put("NEXT_RUNG", b.nextRung() == null ? null : t.text("bonus.nextRung",
                t.amount(b.nextRung().turnoverNeeded()), t.percent(b.nextRung().rung().from()),
                t.percent(b.nextRung().rung().rate())));
    }

    /**
     * The annual rebate's explanation (SPEC §8.2), one line per figure: turnover, target, attainment, rung and rate,
     * the amount and when it is credited, and what a higher rung would have needed. Absent without the rule.
     */
    private static void annualBonus(AnnualBonus b, String year, StatementText t, Map<String, Object> p) {
        if (b == null) {
            p.put("ANNUAL_TITLE", null);
            p.put("ANNUAL_TEXT", null);
            p.put("ANNUAL_TOTAL_LABEL", null);
            p.put("ANNUAL_TOTAL", null);
            return;
        }
        p.put("ANNUAL_TITLE", t.text("annualBonus.title", year));
        List<String> lines = new ArrayList<>();
        lines.add(t.text("annualBonus.turnover", year, t.amount(b.turnover())));
        lines.add(b.target() == null ? t.text("annualBonus.noTarget", year)
                : t.text("annualBonus.target", t.amount(b.target())));
        if (b.noPositiveTurnover()) {
            lines.add(t.text("annualBonus.noTurnover", year));
        } else if (b.attainment() != null) {
            lines.add(b.rung() == null ? t.text("annualBonus.below", t.percent(b.attainment()))
                    : t.text("annualBonus.rung", t.percent(b.attainment()), t.percent(b.rung().from()),
                    t.percent(b.rate()), t.amount(b.turnover())));
        }
        lines.add(t.text("annualBonus.credit", t.amount(b.total()), t.date(b.creditDate())));
        if (b.nextRung() != null) {
            lines.add(t.text("annualBonus.nextRung", t.amount(b.nextRung().turnoverNeeded()),
                    t.percent(b.nextRung().rung().from()), t.percent(b.nextRung().rung().rate())));
        }
        p.put("ANNUAL_TEXT", String.join("\n", lines));
        p.put("ANNUAL_TOTAL_LABEL", t.text("annualBonus.total", year));
        p.put("ANNUAL_TOTAL", t.amount(b.total()));
    }

    private static Map<String, ?> component(BonusComponent c, Bonus b, StatementText t) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", c.kind() == Kind.PROMO ? t.text("component.PROMO", c.promo().productLine())
                : t.label("component." + c.kind()));
        row.put("why", why(c, b, t));
        row.put("base", t.amount(c.base()));
        row.put("rung", c.rung() == null ? "—" : t.percent(c.rung().from()));
        row.put("rate", t.percent(c.rate()));
        row.put("amount", t.amount(c.amount()));
        return row;
    }

    private static String why(BonusComponent c, Bonus b, StatementText t) {
        return switch (c.kind()) {
            case BASE -> t.text("why.BASE", b.tier());
            case ATTAINMENT -> c.percent() == null ? t.label("why.ATTAINMENT.none")
                    : t.text(c.rung() == null ? "why.ATTAINMENT.below" : "why.ATTAINMENT", t.percent(c.percent()),
                    t.amount(b.target()));
            case GROWTH -> c.percent() == null ? t.label("why.GROWTH.none")
                    : t.text(c.rung() == null ? "why.GROWTH.below" : "why.GROWTH", t.percent(c.percent()),
                    t.amount(b.lastYearTurnover()));
            case PROMO -> t.text(c.base().signum() > 0 ? "why.PROMO" : "why.PROMO.none", c.promo().productLine(),
                    t.date(c.promo().from()), t.date(c.promo().to()));
            case EARLY_PAYMENT -> t.text(c.base().signum() > 0 ? "why.EARLY_PAYMENT" : "why.EARLY_PAYMENT.none",
                    String.valueOf(c.days()));
            case TOP_PERFORMER -> c.place() != null
                    ? t.text(c.rate().signum() > 0 ? "why.TOP_PERFORMER" : "why.TOP_PERFORMER.unpaid",
                    String.valueOf(c.place()), String.valueOf(c.ranked()), b.tier(), t.percent(c.percent()))
                    : c.percent() == null ? t.label("why.GROWTH.none")
                    : t.text("why.TOP_PERFORMER.below", t.percent(c.percent()), b.tier());
        };
    }
}
