package io.periodclose.dashboard;

import io.periodclose.chart.BarChart;
import io.periodclose.dashboard.CloseResults.ClosedQuarter;
import io.periodclose.dashboard.CloseResults.RungCount;
import io.periodclose.dashboard.Dashboard.CurrencyFund;
import io.periodclose.dashboard.Dashboard.QuarterFund;
import io.periodclose.dashboard.Dashboard.RungRow;
import io.periodclose.dashboard.Dashboard.RungTable;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.BonusFundQueries.CurrencyTotals;
import io.periodclose.ledger.BonusFundQueries.QuarterEndBalance;
import io.periodclose.ledger.BonusFundQueries.QuarterMovements;
import io.periodclose.ops.JobHistory;
import io.periodclose.ops.JobHistory.ExecutionRow;
import io.periodclose.period.CloseJobConfiguration;
import io.periodclose.money.LocalizedNumbers;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assembles the dashboard from the same queries as the reports: the fund's figures from {@link BonusFundQueries}
 * (the one home of how the fund is summed), the closes' from {@link CloseResults} (the latest run of each quarter,
 * as the {@code rebates} report), the latest close from the job repository. One read-only transaction, so the
 * figures are of one moment even while a close posts.
 */
@Service
public class DashboardService {

    static final int TOP = 5;
    static final int TOP_GROWTH = 10;
    /** Closed quarters in the rung table, the latest; the chart shows the latest {@value #RUNG_CHART_QUARTERS}. */
    static final int RUNG_QUARTERS = 8;
    static final int RUNG_CHART_QUARTERS = 4;
    static final String ACCRUED_COLOUR = "#2f855a";
    static final String SPENT_COLOUR = "#2b6cb0";
    static final String EXPIRED_COLOUR = "#9aa5b1";
    static final String RUNG_COLOUR = "#b7791f";

    private final BonusFundQueries fund;
    private final CloseResults closes;
    private final JobHistory jobs;
    private final MessageSource messages;

    public DashboardService(BonusFundQueries fund, CloseResults closes, JobHistory jobs, MessageSource messages) {
        this.fund = fund;
        this.closes = closes;
        this.jobs = jobs;
        this.messages = messages;
    }

    /**
     * The chart's words (the admin interface's {@code i18n/messages}) and its amounts and rung labels in
     * {@code locale}'s language; the figures themselves are the same in every language.
     */
    @Transactional(readOnly = true)
    public Dashboard dashboard(Locale locale) {
        Words words = key -> messages.getMessage(key, null, locale);
        List<CurrencyFund> currencies = currencies(fund.totalsByCurrency());
        List<QuarterFund> quarters = quarters(fund.movementsByQuarter(), fund.balancesAtQuarterEnds());
        List<ClosedQuarter> closed = closes.closedQuarters();
        ClosedQuarter latest = closed.isEmpty() ? null : closed.get(closed.size() - 1);
        List<RungCount> rungCounts = closed.stream().skip(Math.max(0, closed.size() - RUNG_QUARTERS))
                .flatMap(quarter -> closes.attainmentRungs(quarter).stream()).toList();
        List<ExecutionRow> lastClose = jobs.newestFirst(
                new JobHistory.Filter(CloseJobConfiguration.JOB_NAME, null, null, null), 1);
        return new Dashboard(currencies, quarters, rungTable(rungCounts, words, locale), latest,
                latest == null ? List.of() : closes.topByBonus(latest.runId(), TOP),
                latest == null ? List.of() : closes.topByGrowth(latest.runId(), TOP_GROWTH),
                lastClose.isEmpty() ? null : lastClose.get(0), fundChart(quarters, words, locale),
                rungChart(rungCounts, words, locale));
    }

    /** The words the charts and the rung table take from the admin interface's messages, by key. */
    interface Words {
        String get(String key);
    }

    static List<CurrencyFund> currencies(Map<String, CurrencyTotals> totals) {
        List<CurrencyFund> currencies = new ArrayList<>();
        new TreeMap<>(totals).forEach((currency, t) -> currencies.add(new CurrencyFund(currency, t.accrued(),
                t.spent(), t.expired(), t.balance(), utilisation(t.spent(), t.accrued()))));
        return currencies;
    }

    /** Spent / accrued in %, one decimal HALF_UP; null when nothing (or less than nothing) was accrued. */
    static BigDecimal utilisation(BigDecimal spent, BigDecimal accrued) {
        return accrued.signum() <= 0 ? null : spent.movePointRight(2).divide(accrued, 1, RoundingMode.HALF_UP);
    }

    /**
     * Movements (by the quarter an entry is for) and quarter-end balances (by effective date) side by side, for
     * every quarter anything moved in from the first in which the currency did; a quarter in which a currency's fund
     * did not move carries the balance of the quarter before.
     */
    static List<QuarterFund> quarters(List<QuarterMovements> movements, List<QuarterEndBalance> balances) {
        Map<String, Map<String, QuarterMovements>> byCurrency = new TreeMap<>();
        Map<String, TreeMap<String, BigDecimal>> balanceByCurrency = new TreeMap<>();
        for (QuarterMovements m : movements) {
            byCurrency.computeIfAbsent(m.currency(), c -> new TreeMap<>()).put(m.quarter(), m);
        }
        for (QuarterEndBalance b : balances) {
            balanceByCurrency.computeIfAbsent(b.currency(), c -> new TreeMap<>()).put(b.quarter(), b.balance());
            byCurrency.computeIfAbsent(b.currency(), c -> new TreeMap<>());
        }
        TreeSet<String> every = new TreeSet<>();
        movements.forEach(m -> every.add(m.quarter()));
        balances.forEach(b -> every.add(b.quarter()));
        List<QuarterFund> rows = new ArrayList<>();
        byCurrency.forEach((currency, moved) -> {
            TreeMap<String, BigDecimal> ends = balanceByCurrency.getOrDefault(currency, new TreeMap<>());
            TreeSet<String> own = new TreeSet<>(moved.keySet());
            own.addAll(ends.keySet());
            // every quarter from the currency's first on, so each currency's rows line up with the others'
            for (String quarter : every.tailSet(own.first(), true)) {
                QuarterMovements m = moved.get(quarter);
                Map.Entry<String, BigDecimal> end = ends.floorEntry(quarter);
                rows.add(new QuarterFund(quarter, currency, m == null ? BigDecimal.ZERO : m.accrued(),
                        m == null ? BigDecimal.ZERO : m.annual(), m == null ? BigDecimal.ZERO : m.spent(),
                        m == null ? BigDecimal.ZERO : m.expired(), end == null ? BigDecimal.ZERO : end.getValue()));
            }
        });
        rows.sort((a, b) -> a.quarter().equals(b.quarter()) ? a.currency().compareTo(b.currency())
                : a.quarter().compareTo(b.quarter()));
        return rows;
    }

    static RungTable rungTable(List<RungCount> counts, Words words, Locale locale) {
        TreeSet<BigDecimal> rungs = new TreeSet<>();
        counts.stream().map(RungCount::rungFrom).filter(Objects::nonNull).forEach(rungs::add);
        boolean anyNone = counts.stream().anyMatch(c -> c.rungFrom() == null);
        List<BigDecimal> columns = new ArrayList<>();
        if (anyNone) {
            columns.add(null);
        }
        columns.addAll(rungs);
        Map<String, Map<BigDecimal, Long>> byQuarter = new LinkedHashMap<>();
        for (RungCount c : counts) {
            byQuarter.computeIfAbsent(c.quarter(), q -> new HashMap<>()).put(c.rungFrom(), c.distributors());
        }
        List<RungRow> rows = new ArrayList<>();
        byQuarter.forEach((quarter, count) -> rows.add(new RungRow(quarter,
                columns.stream().map(rung -> count.getOrDefault(rung, 0L)).toList())));
        return new RungTable(columns.stream().map(rung -> rungLabel(rung, words, locale)).toList(), rows);
    }

    static String rungLabel(BigDecimal rung, Words words, Locale locale) {
        if (rung == null) {
            return words.get("dashboard.noRung");
        }
        BigDecimal plain = rung.stripTrailingZeros();
        return LocalizedNumbers.number(plain.scale() < 0 ? plain.setScale(0) : plain, locale) + " %";
    }

    /** Per currency, a group of columns per quarter over time: accrued (the annual rebate included), spent, expired. */
    static String fundChart(List<QuarterFund> quarters, Words words, Locale locale) {
        Map<String, List<BarChart.Row>> byCurrency = new TreeMap<>();
        for (QuarterFund q : quarters) {
            byCurrency.computeIfAbsent(q.currency(), c -> new ArrayList<>()).add(new BarChart.Row(q.quarter(),
                    List.of(q.accrued().add(q.annual()), q.spent(), q.expired())));
        }
        List<BarChart.Section> sections = new ArrayList<>();
        byCurrency.forEach((currency, rows) -> sections.add(new BarChart.Section(currency, rows,
                amount -> LocalizedNumbers.amount(amount, currency, locale))));
        return BarChart.columns(words.get("chart.fund.title"), words.get("chart.max"),
                List.of(new BarChart.Series(words.get("chart.accrued"), ACCRUED_COLOUR),
                        new BarChart.Series(words.get("chart.spent"), SPENT_COLOUR),
                        new BarChart.Series(words.get("chart.expired"), EXPIRED_COLOUR)), sections);
    }

    /** A section per quarter (the latest {@value #RUNG_CHART_QUARTERS}, newest first), a row per rung. */
    static String rungChart(List<RungCount> counts, Words words, Locale locale) {
        Map<String, List<BarChart.Row>> byQuarter = new TreeMap<>(Comparator.reverseOrder());
        for (RungCount c : counts) {
            byQuarter.computeIfAbsent(c.quarter(), q -> new ArrayList<>()).add(new BarChart.Row(rungLabel(c.rungFrom(), words, locale),
                    List.of(BigDecimal.valueOf(c.distributors()))));
        }
        List<BarChart.Section> sections = byQuarter.entrySet().stream().limit(RUNG_CHART_QUARTERS)
                .map(e -> new BarChart.Section(e.getKey(), e.getValue(),
                        count -> LocalizedNumbers.number(count, locale))).toList();
        return BarChart.svg(words.get("chart.rungs.title"),
                List.of(new BarChart.Series(words.get("chart.distributors"), RUNG_COLOUR)), sections);
    }
}
