package io.periodclose.approval;

import io.periodclose.money.Currencies;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What an approver looks at before deciding (SPEC §9): the totals per currency the run stopped with (the approval's
 * stored totals), how they compare with the previous quarter and, for a re-close, with the quarter's last close,
 * the largest rebates and the largest changes per distributor. A comparison's totals are those an approval of it
 * would have stored ({@link CalculatedFigures}); its rows are the rebate rows the reports print.
 * <p>
 * Amounts of different currencies are never ranked against each other: the largest rebates and changes are the
 * largest of each currency. A year-end is compared with the previous year's annual rebate.
 */
@Service
public class ApprovalReview {

    /** How many of the largest rebates, and of the largest changes, are shown per currency. */
    public static final int LARGEST = 10;

    /** A currency's total in the run, and in what it is compared with (zero where the other has none). */
    public record CurrencyChange(String currency, BigDecimal before, BigDecimal after) {
        public BigDecimal difference() {
            return after.subtract(before);
        }

        public String differenceText() {
            return signed(difference());
        }
    }

    /** A distributor's rebate in the run. */
    public record Rebate(String distributor, String currency, BigDecimal turnover, BigDecimal total) {
    }

    /** A distributor's rebate before (null: none) and in the run (null: none). */
    public record Change(String distributor, String currency, BigDecimal before, BigDecimal after) {
        public BigDecimal difference() {
            return zeroIfNull(after).subtract(zeroIfNull(before));
        }

        public String differenceText() {
            return signed(difference());
        }
    }

    /**
     * The run against one earlier set of figures: which, its totals per currency, the largest changes. The web
     * interface names it in its own language from {@code againstKey} ({@code against.previous}: the quarter before,
     * {@code against.lastClose}: the quarter's last close, {@code against.annual}: last year's annual rebate), its
     * period and its close run (null for a year).
     */
    public record Comparison(String against, List<CurrencyChange> totals, List<Change> largestChanges,
                             String againstKey, String againstPeriod, String againstRun) {
    }

    /**
     * One run awaiting approval: its approval, what it is (close, re-close, year-end), whether its figures changed
     * since it stopped (an approval would be refused), the run's totals, the comparisons there are, the largest
     * rebates.
     */
    public record Review(Approval approval, String kind, boolean figuresChanged,
                         SortedMap<String, BigDecimal> totals, Optional<Comparison> previousPeriod,
                         Optional<Comparison> previousClose, List<Rebate> largest) {

        /** One line per currency of the run or of a comparison, by currency, for the totals table. */
        public List<TotalRow> totalRows() {
            TreeSet<String> currencies = new TreeSet<>(totals.keySet());
            previousPeriod.ifPresent(c -> c.totals().forEach(t -> currencies.add(t.currency())));
            previousClose.ifPresent(c -> c.totals().forEach(t -> currencies.add(t.currency())));
            return currencies.stream().map(currency -> new TotalRow(currency,
                    totals.getOrDefault(currency, zero(currency)), of(previousPeriod, currency),
                    of(previousClose, currency))).toList();
        }

        private static CurrencyChange of(Optional<Comparison> comparison, String currency) {
            return comparison.flatMap(c -> c.totals().stream().filter(t -> t.currency().equals(currency))
                    .findFirst()).orElse(null);
        }
    }

    /** A currency's total in the run and its change against each comparison there is (null: none). */
    public record TotalRow(String currency, BigDecimal total, CurrencyChange previousPeriod,
                           CurrencyChange previousClose) {
    }

    /** Where a set of rebate rows is: the rebate rows of a close run, or the annual rebate rows of a year. */
    private record Rows(String table, String key, Object value) {
        static Rows closeRun(long id) {
            return new Rows("rebate", "close_run_id", id);
        }

        static Rows year(int year) {
            return new Rows("annual_rebate", "year", year);
        }
    }

    private final JdbcTemplate jdbc;
    private final Approvals approvals;
    private final CalculatedFigures figures;
    private final CloseRuns closeRuns;

    public ApprovalReview(JdbcTemplate jdbc, Approvals approvals, CalculatedFigures figures, CloseRuns closeRuns) {
        this.jdbc = jdbc;
        this.approvals = approvals;
        this.figures = figures;
        this.closeRuns = closeRuns;
    }

    /** Every run awaiting approval, oldest request first, with what the approver needs to see. */
    public List<Review> pending() {
        return approvals.pending().stream().map(this::review).toList();
    }

    public Review review(Approval approval) {
        if (approval.closeRunId() != null) {
            CloseRun run = closeRuns.get(approval.closeRunId());
            Rows rows = Rows.closeRun(run.id());
            Figures now = figures.ofCloseRun(run.id());
            Quarter previous = run.quarter().previous();
            Optional<Comparison> previousQuarter = closeRuns.latestCompleted(previous).map(before -> compare(
                    approval, rows, Rows.closeRun(before.id()), figures.ofCloseRun(before.id()),
                    previous + " (close run " + before.id() + ")", "against.previous", previous.toString(),
                    Long.toString(before.id())));
            // the quarter's last completed close, while this run waits, is the one a re-close corrects
            Optional<Comparison> lastClose = closeRuns.latestCompleted(run.quarter())
                    .filter(before -> before.id() != run.id())
                    .map(before -> compare(approval, rows, Rows.closeRun(before.id()), figures.ofCloseRun(before.id()),
                            "the last close of " + run.quarter() + " (close run " + before.id() + ")",
                            "against.lastClose", run.quarter().toString(), Long.toString(before.id())));
            return new Review(approval, run.isReclose() ? "re-close" : "close",
                    !now.sha256().equals(approval.figuresSha256()), approval.totals(), previousQuarter,
                    lastClose, largest(rows));
        }
        int year = Integer.parseInt(approval.period());
        Rows rows = Rows.year(year);
        Figures now = figures.ofYear(year);
        Figures lastYear = figures.ofYear(year - 1);
        Optional<Comparison> previousYear = lastYear.rows() == 0 ? Optional.empty() : Optional.of(compare(
                approval, rows, Rows.year(year - 1), lastYear, "the annual rebate of " + (year - 1), "against.annual",
                Integer.toString(year - 1), null));
        return new Review(approval, "year-end", !now.sha256().equals(approval.figuresSha256()),
                approval.totals(), previousYear, Optional.empty(), largest(rows));
    }

    private Comparison compare(Approval approval, Rows now, Rows before, Figures beforeFigures, String against,
                               String againstKey, String againstPeriod, String againstRun) {
        List<CurrencyChange> totals = new ArrayList<>();
        for (String currency : union(approval.totals(), beforeFigures.totals())) {
            totals.add(new CurrencyChange(currency,
                    beforeFigures.totals().getOrDefault(currency, zero(currency)),
                    approval.totals().getOrDefault(currency, zero(currency))));
        }
        return new Comparison(against, totals, largestChanges(now, before), againstKey, againstPeriod, againstRun);
    }

    /** The {@link #LARGEST} largest totals of each currency, by currency, largest first. */
    private List<Rebate> largest(Rows rows) {
        return jdbc.query("""
                SELECT distributor_code, currency, turnover, total FROM (
                    SELECT distributor_code, currency, turnover, total,
                           row_number() OVER (PARTITION BY currency
                                              ORDER BY total DESC, distributor_code COLLATE "C") AS n
                      FROM %s WHERE %s = ?) r
                 WHERE n <= ?
                 ORDER BY currency, total DESC, distributor_code COLLATE "C\"""".formatted(rows.table(), rows.key()),
                (rs, n) -> {
                    String currency = rs.getString(2);
                    return new Rebate(rs.getString(1), currency, round(rs.getBigDecimal(3), currency),
                            round(rs.getBigDecimal(4), currency));
                }, rows.value(), LARGEST);
    }

    /**
     * The {@link #LARGEST} largest changes of each currency, up or down, between two sets of rows: a distributor in
     * one only counts from or to nothing; an unchanged one is no change.
     */
    private List<Change> largestChanges(Rows now, Rows before) {
        return jdbc.query("""
                SELECT code, currency, before, after FROM (
                    SELECT coalesce(a.distributor_code, b.distributor_code) AS code,
                           coalesce(a.currency, b.currency) AS currency, b.total AS before, a.total AS after,
                           row_number() OVER (PARTITION BY coalesce(a.currency, b.currency)
                                              ORDER BY abs(coalesce(a.total, 0) - coalesce(b.total, 0)) DESC,
                                                       coalesce(a.distributor_code, b.distributor_code) COLLATE "C")
                               AS n
                      FROM (SELECT distributor_code, currency, total FROM %s WHERE %s = ?) a
                      FULL JOIN (SELECT distributor_code, currency, total FROM %s WHERE %s = ?) b
                        ON b.distributor_code = a.distributor_code AND b.currency = a.currency
                     WHERE coalesce(a.total, 0) <> coalesce(b.total, 0)) c
                 WHERE n <= ?
                 ORDER BY currency, n""".formatted(now.table(), now.key(), before.table(), before.key()),
                (rs, n) -> {
                    String currency = rs.getString(2);
                    return new Change(rs.getString(1), currency, round(rs.getBigDecimal(3), currency),
                            round(rs.getBigDecimal(4), currency));
                }, now.value(), before.value(), LARGEST);
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static BigDecimal zero(String currency) {
        return Currencies.round(BigDecimal.ZERO, currency);
    }

    private static BigDecimal round(BigDecimal amount, String currency) {
        return amount == null ? null : Currencies.round(amount, currency);
    }

    private static BigDecimal zeroIfNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    /** "+12.50", "-3", "0.00": a change with its sign. */
    static String signed(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : "") + amount.toPlainString();
    }
}
