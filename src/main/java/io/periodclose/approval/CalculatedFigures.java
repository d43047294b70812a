package io.periodclose.approval;

import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The figures an approval is about, hashed so that posting can prove they are still what was approved. The hash is
 * SHA-256 over one line per row, in distributor-code order, of every calculated column (the explanation, which only
 * words them, excepted): values joined by {@code |}, a null as the empty string, numbers in plain notation with the
 * column's scale, lines ended by {@code \n}. A rebate row edited in the database changes the hash.
 */
@Repository
public class CalculatedFigures {

    private static final String REBATE_COLUMNS = "distributor_code, currency, turnover, target_amount, base,"
            + " attainment, growth, promo, early_payment, top_performer, uncapped, cap_amount, cap_applied, total";
    private static final String ANNUAL_COLUMNS = "distributor_code, currency, turnover, target_amount, attainment,"
            + " rung_from, rate, total";

    private final JdbcTemplate jdbc;

    public CalculatedFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rebates a close or re-close calculated. */
    public Figures ofCloseRun(long closeRunId) {
        return hash("SELECT " + REBATE_COLUMNS + " FROM rebate WHERE close_run_id = ? ORDER BY distributor_code",
                closeRunId);
    }

    /** The annual rebates a year-end calculated. */
    public Figures ofYear(int year) {
        return hash("SELECT " + ANNUAL_COLUMNS + " FROM annual_rebate WHERE year = ? ORDER BY distributor_code", year);
    }

    /** Whether the year-end of {@code year} has an annual rebate to post, i.e. one positive total. */
    public boolean anyAnnualToPost(int year) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM annual_rebate WHERE year = ? AND total > 0)", Boolean.class, year));
    }

    private Figures hash(String sql, Object argument) {
        MessageDigest digest = sha256();
        TreeMap<String, BigDecimal> totals = new TreeMap<>();
        int[] rows = {0};
        jdbc.query(sql, (ResultSet rs) -> {
            int columns = rs.getMetaData().getColumnCount();
            StringBuilder line = new StringBuilder();
            for (int c = 1; c <= columns; c++) {
                if (c > 1) {
                    line.append('|');
                }
                line.append(text(rs, c));
            }
            line.append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
            totals.merge(rs.getString("currency"), rs.getBigDecimal("total"), BigDecimal::add);
            rows[0]++;
        }, argument);
        totals.replaceAll((currency, total) -> Currencies.round(total, currency));
        return Figures.of(HexFormat.of().formatHex(digest.digest()), rows[0], totals);
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString().trim();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
