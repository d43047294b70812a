package io.periodclose.dashboard;

import io.periodclose.dashboard.Dashboard.CurrencyFund;
import io.periodclose.dashboard.Dashboard.QuarterFund;
import io.periodclose.expiry.ExpiryService;
import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportService;
import io.periodclose.money.Currencies;
import io.periodclose.money.LocalizedNumbers;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.reporting.CsvReports;
import io.periodclose.support.Books;
import io.periodclose.support.Fixtures;
import io.periodclose.support.WebTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The dashboard against the reports on a generated data set with its own programmes (what {@code demo} runs): 2025
 * closed quarter by quarter and expired (with its annual rebate), 2026-Q1 closed and re-closed. Every figure is
 * recomputed from the {@code balances}, {@code rebates}, {@code claims} and {@code annual} CSV reports, never from
 * the ledger, so a dashboard query that summed the fund its own way would disagree.
 */
@WebTest
@TestPropertySource(properties = "period-close.programs=target/dashboard-data/programs")
class DashboardTest {

    static final Path DATA = Path.of("target/dashboard-data");
    static final List<String> QUARTERS_2025 = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportService imports;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    CsvReports reports;
    @Autowired
    DashboardService dashboards;
    @Autowired
    MockMvc mvc;

    static boolean booksReady;

    @BeforeAll
    static void dataSet() throws Exception {
        new DataSetGenerator(new DataSetGenerator.Settings(60, 1500, 2026, 2, 11)).writeTo(DATA);
        booksReady = false;
    }

    /** Built once for both tests: the closes are the slow part. */
    void books() {
        if (booksReady) {
            return;
        }
        Books.freshWith(jdbc, imports, DATA);
        for (String quarter : QUARTERS_2025) {
            Quarter q = Quarter.parse(quarter);
            completed(closes.close(q, q.dayAfter().plusDays(4), false));
        }
        completed(expiries.expire(2025));
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-05"), false));
        // a late invoice, then a re-close: its ADJUSTMENT belongs to 2026-Q1's accrual
        String late = jdbc.queryForObject("SELECT min(code) FROM distributor", String.class);
        String currency = jdbc.queryForObject("SELECT currency FROM distributor WHERE code = ?", String.class, late);
        new Fixtures(jdbc).invoice(late, "2026-03-20", "LAPTOPS", "250000", currency);
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-05"), true));
        booksReady = true;
    }

    @Test
    void everyFigureEqualsTheReports() {
        books();
        Dashboard dashboard = dashboards.dashboard(Locale.ENGLISH);
        Map<String, String> currencyOf = currencyOfEachDistributor();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'",
                Long.class)).as("the re-close adjusted something").isPositive();

        Map<String, QuarterFund> rows = new HashMap<>();
        dashboard.quarters().forEach(q -> rows.put(q.quarter() + " " + q.currency(), q));
        Map<String, BigDecimal[]> allTime = new TreeMap<>(); // accrued, spent, expired per currency
        List<String> closed = new ArrayList<>(QUARTERS_2025);
        closed.add("2026-Q1");
        Map<String, BigDecimal> annual = byCurrency(report(out -> reports.annual(2025, out)), 4);
        assertThat(annual).as("the generated programme pays an annual rebate").isNotEmpty();
        for (String quarter : closed) {
            Quarter q = Quarter.parse(quarter);
            Map<String, BigDecimal> accrued = byCurrency(report(out -> reports.rebates(q, out)), 11);
            Map<String, BigDecimal> spent = coveredByCurrency(report(out -> reports.claims(q, out)), currencyOf);
            Map<String, BigDecimal> balance = byCurrency(report(out -> reports.balances(q.lastDay(), out)), 2);
            for (String currency : balance.keySet()) {
                BigDecimal yearsAnnual = q.number() == 4 && q.year() == 2025
                        ? annual.getOrDefault(currency, BigDecimal.ZERO) : BigDecimal.ZERO;
                QuarterFund row = rows.get(quarter + " " + currency);
                if (row == null) { // nothing of this currency has moved yet
                    assertThat(List.of(accrued.getOrDefault(currency, BigDecimal.ZERO), yearsAnnual,
                            spent.getOrDefault(currency, BigDecimal.ZERO), balance.get(currency)))
                            .as(quarter + " " + currency).allMatch(amount -> amount.signum() == 0);
                    continue;
                }
                assertThat(row.accrued()).as("accrued " + quarter + " " + currency)
                        .isEqualByComparingTo(accrued.getOrDefault(currency, BigDecimal.ZERO));
                assertThat(row.annual()).as("annual " + quarter + " " + currency).isEqualByComparingTo(yearsAnnual);
                assertThat(row.spent()).as("spent " + quarter + " " + currency)
                        .isEqualByComparingTo(spent.getOrDefault(currency, BigDecimal.ZERO));
                assertThat(row.balance()).as("balance " + quarter + " " + currency)
                        .isEqualByComparingTo(balance.get(currency));
                BigDecimal[] sums = allTime.computeIfAbsent(currency,
                        c -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(row.accrued()).add(yearsAnnual);
                sums[1] = sums[1].add(row.spent());
                sums[2] = sums[2].add(row.expired());
            }
        }

        // the expiry of 2025, from the reports alone: what the fund held at the end of Q3, plus Q3's bonus (credited
        // 1 October), less Q4's claims covered, less what it held at the end of the year
        Map<String, BigDecimal> endQ3 = byCurrency(report(out -> reports.balances(LocalDate.parse("2025-09-30"),
                out)), 2);
        Map<String, BigDecimal> q3Bonus = byCurrency(report(out -> reports.rebates(Quarter.parse("2025-Q3"), out)),
                11);
        Map<String, BigDecimal> q4Spent = coveredByCurrency(report(out -> reports.claims(Quarter.parse("2025-Q4"),
                out)), currencyOf);
        Map<String, BigDecimal> endOfYear = byCurrency(report(out -> reports.balances(LocalDate.parse("2025-12-31"),
                out)), 2);
        BigDecimal anyExpired = BigDecimal.ZERO;
        for (String currency : endOfYear.keySet()) {
            BigDecimal expired = endQ3.get(currency).add(q3Bonus.getOrDefault(currency, BigDecimal.ZERO))
                    .subtract(q4Spent.getOrDefault(currency, BigDecimal.ZERO)).subtract(endOfYear.get(currency));
            QuarterFund q4 = rows.get("2025-Q4 " + currency);
            assertThat(q4 == null ? BigDecimal.ZERO : q4.expired()).as("expired 2025 " + currency)
                    .isEqualByComparingTo(expired);
            anyExpired = anyExpired.add(expired);
        }
        assertThat(anyExpired).as("something expired").isPositive();

        // all time per currency: the quarters' sums, the balance of the last day anything is effective, utilisation
        Map<String, BigDecimal> now = byCurrency(report(out -> reports.balances(LocalDate.parse("2026-12-31"),
                out)), 2);
        assertThat(allTime).as("several currencies, each on its own").hasSizeGreaterThan(2);
        assertThat(dashboard.currencies()).extracting(CurrencyFund::currency)
                .containsExactlyElementsOf(allTime.keySet());
        for (CurrencyFund fund : dashboard.currencies()) {
            BigDecimal[] sums = allTime.get(fund.currency());
            assertThat(fund.accrued()).as("accrued " + fund.currency()).isEqualByComparingTo(sums[0]);
            assertThat(fund.spent()).as("spent " + fund.currency()).isEqualByComparingTo(sums[1]);
            assertThat(fund.expired()).as("expired " + fund.currency()).isEqualByComparingTo(sums[2]);
            assertThat(fund.balance()).as("balance " + fund.currency()).isEqualByComparingTo(now.get(fund.currency()));
            assertThat(fund.utilisation()).as("utilisation " + fund.currency()).isEqualByComparingTo(
                    sums[1].movePointRight(2).divide(sums[0], 1, java.math.RoundingMode.HALF_UP));
        }
    }

    @Test
    void rungsAndTopDistributorsAreTheLatestClosesOwn() {
        books();
        Dashboard dashboard = dashboards.dashboard(Locale.ENGLISH);
        assertThat(dashboard.latest().quarter()).isEqualTo("2026-Q1");
        assertThat(dashboard.latest().sequence()).isEqualTo(1);
        assertThat(dashboard.latestClose().status()).isEqualTo("COMPLETED");
        assertThat(dashboard.latestClose().period()).isEqualTo("2026-Q1");

        // rungs from the rebates report's turnover and target against the programme's ladder (80 %, 100 %)
        List<String[]> rebates = report(out -> reports.rebates(Quarter.parse("2026-Q1"), out));
        long[] expected = new long[3];
        for (String[] r : rebates) {
            BigDecimal turnover = new BigDecimal(r[2]);
            boolean rated = !r[3].isEmpty() && new BigDecimal(r[3]).signum() > 0 && turnover.signum() > 0;
            BigDecimal hundredTimes = turnover.movePointRight(2);
            if (rated && hundredTimes.compareTo(new BigDecimal(r[3]).multiply(BigDecimal.valueOf(100))) >= 0) {
                expected[2]++;
            } else if (rated && hundredTimes.compareTo(new BigDecimal(r[3]).multiply(BigDecimal.valueOf(80))) >= 0) {
                expected[1]++;
            } else {
                expected[0]++;
            }
        }
        assertThat(expected[1]).as("the data set reaches the 80 rung").isPositive();
        assertThat(expected[2]).as("the data set reaches the 100 rung").isPositive();
        assertThat(dashboard.rungs().rungs()).containsExactly("no rung", "80 %", "100 %");
        assertThat(dashboard.rungs().rows()).extracting(Dashboard.RungRow::quarter)
                .containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1");
        assertThat(dashboard.rungs().rows().get(4).counts()).containsExactly(expected[0], expected[1], expected[2]);

        // top by bonus: the rebates report sorted by total, per currency
        Map<String, List<String>> topBonus = new TreeMap<>();
        rebates.stream().filter(r -> new BigDecimal(r[11]).signum() > 0)
                .sorted(Comparator.comparing((String[] r) -> new BigDecimal(r[11])).reversed()
                        .thenComparing(r -> r[0]))
                .forEach(r -> {
                    List<String> top = topBonus.computeIfAbsent(r[1], c -> new ArrayList<>());
                    if (top.size() < DashboardService.TOP) {
                        top.add(r[0] + " " + r[11]);
                    }
                });
        assertThat(dashboard.topByBonus()).extracting(t -> t.distributor() + " "
                        + Currencies.format(t.total(), t.currency()))
                .containsExactlyElementsOf(topBonus.values().stream().flatMap(List::stream).toList());

        // top by growth: this quarter's turnover in the rebates report over the same quarter's a year before
        Map<String, BigDecimal> lastYear = new HashMap<>();
        report(out -> reports.rebates(Quarter.parse("2025-Q1"), out))
                .forEach(r -> lastYear.put(r[0], r[2].isEmpty() ? BigDecimal.ZERO : new BigDecimal(r[2])));
        List<String> byGrowth = rebates.stream().filter(r -> lastYear.get(r[0]).signum() > 0)
                .sorted(Comparator.comparing((String[] r) -> new BigDecimal(r[2]).subtract(lastYear.get(r[0]))
                                .divide(lastYear.get(r[0]), 20, java.math.RoundingMode.FLOOR)).reversed()
                        .thenComparing(r -> r[0]))
                .limit(DashboardService.TOP_GROWTH).map(r -> r[0]).toList();
        assertThat(byGrowth).hasSize(DashboardService.TOP_GROWTH);
        assertThat(dashboard.topByGrowth()).extracting(CloseResults.TopGrowth::distributor)
                .containsExactlyElementsOf(byGrowth);
        CloseResults.TopGrowth first = dashboard.topByGrowth().get(0);
        assertThat(first.percent()).isEqualByComparingTo(CloseResults.growth(first.turnover(), first.lastYear()));
    }

    @Test
    void thePageShowsTheServicesFiguresAndItsChartsAsSvgWithoutScriptOrStyle() throws Exception {
        books();
        Dashboard dashboard = dashboards.dashboard(Locale.ENGLISH);
        String page = mvc.perform(get("/").with(user("fin").roles("FINANCE"))).andReturn().getResponse()
                .getContentAsString();

        assertThat(Pattern.compile("<svg ").matcher(page).results().count()).as("the fund and the rung charts")
                .isEqualTo(2);
        assertThat(page).doesNotContain("<script", "style=", "<img");
        // the page writes amounts in its language, English here: 1,234.56
        for (QuarterFund q : dashboard.quarters()) {
            String row = row(page, "q-" + q.quarter() + "-" + q.currency());
            assertThat(cells(row)).as(q.quarter() + " " + q.currency()).containsExactly(q.quarter(), q.currency(),
                    en(q.accrued().add(q.annual()), q.currency()), en(q.annual(), q.currency()),
                    en(q.spent(), q.currency()), en(q.expired(), q.currency()), en(q.balance(), q.currency()));
            // the chart's columns carry the same figures
            assertThat(page).contains("<title>" + q.quarter() + " accrued: " + en(q.accrued().add(q.annual()),
                    q.currency()) + "</title>", "<title>" + q.quarter() + " spent: " + en(q.spent(), q.currency())
                    + "</title>");
        }
        for (CurrencyFund c : dashboard.currencies()) {
            assertThat(cells(row(page, "fund-" + c.currency()))).containsExactly(c.currency(),
                    en(c.accrued(), c.currency()), en(c.spent(), c.currency()), en(c.expired(), c.currency()),
                    en(c.balance(), c.currency()), c.utilisationText());
        }
        List<String> rungCells = new ArrayList<>(List.of("2026-Q1"));
        dashboard.rungs().rows().get(4).counts().forEach(count -> rungCells.add(String.valueOf(count)));
        assertThat(cells(row(page, "rungs-2026-Q1"))).containsExactlyElementsOf(rungCells);
        assertThat(page).contains("id=\"latest-quarter\">2026-Q1<", "id=\"latest-close-status\"");
    }

    private static String en(BigDecimal amount, String currency) {
        return LocalizedNumbers.amount(amount, currency, Locale.ENGLISH);
    }

    /** The report's rows (header dropped), cells split at commas: the reports hold no quoted text. */
    private static List<String[]> report(Consumer<StringBuilder> report) {
        StringBuilder out = new StringBuilder();
        report.accept(out);
        return out.toString().lines().skip(1).map(line -> line.split(",", -1)).toList();
    }

    /** A column of a report with the currency in its second column, summed per currency. */
    private static Map<String, BigDecimal> byCurrency(List<String[]> rows, int amount) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String[] row : rows) {
            sums.merge(row[1], row[amount].isEmpty() ? BigDecimal.ZERO : new BigDecimal(row[amount]), BigDecimal::add);
        }
        return sums;
    }

    /** The claims report's covered amounts summed per currency, the claimant's currency from the master data. */
    private static Map<String, BigDecimal> coveredByCurrency(List<String[]> claims, Map<String, String> currencyOf) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String[] claim : claims) {
            sums.merge(currencyOf.get(claim[1]), claim[3].isEmpty() ? BigDecimal.ZERO : new BigDecimal(claim[3]),
                    BigDecimal::add);
        }
        return sums;
    }

    private Map<String, String> currencyOfEachDistributor() {
        Map<String, String> currencies = new HashMap<>();
        jdbc.query("SELECT code, currency FROM distributor", rs -> {
            currencies.put(rs.getString(1), rs.getString(2));
        });
        return currencies;
    }

    private static String row(String page, String id) {
        Matcher m = Pattern.compile("<tr id=\"" + Pattern.quote(id) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("row " + id).isTrue();
        return m.group(1);
    }

    private static List<String> cells(String row) {
        return Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row).results()
                .map(r -> r.group(1).strip()).toList();
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
