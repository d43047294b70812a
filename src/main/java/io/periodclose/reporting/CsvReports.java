package io.periodclose.reporting;

import io.periodclose.RefusedException;
import io.periodclose.csv.SafeCsv;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.money.Currencies;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The CSV reports of SPEC §7, header first, one row per distributor of the master data (claims: per claim dated
 * in the quarter), sorted by the first column, amounts with exactly the currency's minor digits. Text cells are
 * neutralised against formula injection ({@link SafeCsv}); amounts stay plain numbers.
 */
@Service
public class CsvReports {

    private final JdbcTemplate jdbc;
    private final BonusFundQueries fund;
    private final CloseRuns closeRuns;

    /** The header rows of the four reports (SPEC §7); the commands' help prints the same text. */
    public static final String BALANCES_HEADER = "distributor_code,currency,balance";
    public static final String REBATES_HEADER = "distributor_code,currency,turnover,target,base,attainment,growth,promo,"
            + "early_payment,top_performer,uncapped,total";
    public static final String CLAIMS_HEADER = "claim_id,distributor_code,amount,covered,distributor_pays,status";
    public static final String ANNUAL_HEADER = "distributor_code,currency,turnover,target,total";

    public CsvReports(JdbcTemplate jdbc, BonusFundQueries fund, CloseRuns closeRuns) {
        this.jdbc = jdbc;
        this.fund = fund;
        this.closeRuns = closeRuns;
    }

    public void balances(LocalDate asOf, Appendable out) {
        SafeCsv csv = printer(out, BALANCES_HEADER);
        fund.everyDistributorsBalance(asOf, row -> print(csv, row.distributor(), row.currency(),
                money(row.balance(), row.currency())));
    }

    public void rebates(Quarter quarter, Appendable out) {
        CloseRun run = closeRuns.latestCompleted(quarter).orElseThrow(() -> new RefusedException(
                quarter + " has not been closed yet, so it has no rebates; close it first (close --period " + quarter + ")"));
        rebates(run.id(), out);
    }

    /** The rebates of one close run, completed or not (one awaiting approval), in the format of {@link #rebates}. */
    public void rebates(long closeRunId, Appendable out) {
        SafeCsv csv = printer(out, REBATES_HEADER);
        jdbc.query("""
                SELECT d.code, d.currency, r.turnover, r.target_amount, r.base, r.attainment, r.growth, r.promo,
                       r.early_payment, r.top_performer, r.uncapped, r.total
                  FROM distributor d
                  LEFT JOIN rebate r ON r.distributor_code = d.code AND r.close_run_id = ?
                 ORDER BY d.code COLLATE "C\"""", rs -> {
            String currency = rs.getString(2);
            print(csv, rs.getString(1), currency, money(rs.getBigDecimal(3), currency),
                    money(rs.getBigDecimal(4), currency), money(rs.getBigDecimal(5), currency),
                    money(rs.getBigDecimal(6), currency), money(rs.getBigDecimal(7), currency),
                    money(rs.getBigDecimal(8), currency), money(rs.getBigDecimal(9), currency),
                    money(rs.getBigDecimal(10), currency), money(rs.getBigDecimal(11), currency),
                    money(rs.getBigDecimal(12), currency));
        }, closeRunId);
    }

    public void claims(Quarter quarter, Appendable out) {
        SafeCsv csv = printer(out, CLAIMS_HEADER);
        jdbc.query("""
                SELECT c.claim_id, c.distributor_code, c.currency, c.amount, s.covered, s.distributor_pays,
                       coalesce(s.status, 'PENDING')
                  FROM claim c LEFT JOIN claim_settlement s ON s.claim_id = c.claim_id
                 WHERE c.claim_date BETWEEN ? AND ?
                 ORDER BY c.claim_id COLLATE "C\"""", rs -> {
            String currency = rs.getString(3);
            print(csv, rs.getString(1), rs.getString(2), money(rs.getBigDecimal(4), currency),
                    money(rs.getBigDecimal(5), currency), money(rs.getBigDecimal(6), currency), rs.getString(7));
        }, quarter.firstDay(), quarter.lastDay());
    }

    /**
     * The annual rebate of a year (SPEC §8.2): refused, like {@link #rebates} for an open quarter, until the year-end
     * job has run for the year (the year is locked), and when that job calculated none (a programme without
     * {@code annual}). A distributor added to the master data after the year-end has no row: empty figures.
     */
    public void annual(int year, Appendable out) {
        boolean locked = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM year_lock WHERE year = ?)", Boolean.class, year));
        if (!locked) {
            throw new RefusedException("the year-end job of " + year + " has not run yet, so " + year + " has no annual"
                    + " rebate; run it first (expire --year " + year + ")");
        }
        boolean calculated = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM annual_rebate WHERE year = ?)", Boolean.class, year));
        if (!calculated) {
            throw new RefusedException("the year-end job of " + year + " calculated no annual rebate: the programme of "
                    + year + " has no annual section");
        }
        annualRows(year, out);
    }

    /** The annual rebate of a year as calculated, locked or not (one awaiting approval), as {@link #annual}. */
    public void annualRows(int year, Appendable out) {
        SafeCsv csv = printer(out, ANNUAL_HEADER);
        jdbc.query("""
                SELECT d.code, d.currency, a.turnover, a.target_amount, a.total
                  FROM distributor d
                  LEFT JOIN annual_rebate a ON a.distributor_code = d.code AND a.year = ?
                 ORDER BY d.code COLLATE "C\"""", rs -> {
            String currency = rs.getString(2);
            print(csv, rs.getString(1), currency, money(rs.getBigDecimal(3), currency),
                    money(rs.getBigDecimal(4), currency), money(rs.getBigDecimal(5), currency));
        }, year);
    }

    private static Object money(BigDecimal amount, String currency) {
        return amount == null ? "" : SafeCsv.number(Currencies.format(amount, currency));
    }

    private static SafeCsv printer(Appendable out, String header) {
        return SafeCsv.printer(out, header.split(","));
    }

    private static void print(SafeCsv csv, Object... values) {
        csv.record(values);
        csv.flush();
    }
}
