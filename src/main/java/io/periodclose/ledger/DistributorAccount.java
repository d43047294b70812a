package io.periodclose.ledger;

import io.periodclose.money.Currencies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One distributor's master data and bonus fund account, line by line with the running balance. */
@Repository
public class DistributorAccount {

    public record Distributor(String code, String name, String tier, String currency, String region) {
    }

    public record Line(LocalDate date, String type, String period, String description, String amount,
                       String balance, boolean negativeBalance, Long jobExecutionId) {
    }

    private final JdbcTemplate jdbc;
    private final Accounts accounts;

    public DistributorAccount(JdbcTemplate jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    public Optional<Distributor> distributor(String code) {
        return jdbc.query("SELECT code, name, tier, currency, region FROM distributor WHERE code = ?",
                (rs, n) -> new Distributor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), code).stream().findFirst();
    }

    /** Distributors whose code or name contains {@code text} (any case), by code. */
    public List<Distributor> search(String text, int limit) {
        String pattern = "%" + (text == null ? "" : text.strip().replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_")) + "%";
        return jdbc.query("""
                SELECT code, name, tier, currency, region FROM distributor
                 WHERE code ILIKE ? OR name ILIKE ? ORDER BY code COLLATE "C" LIMIT ?""",
                (rs, n) -> new Distributor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), pattern, pattern, limit);
    }

    /** Every movement of the distributor's bonus fund in effective-date order, with the balance after each. */
    public List<Line> history(String code) {
        List<Line> lines = new ArrayList<>();
        BigDecimal[] balance = {BigDecimal.ZERO};
        jdbc.query("""
                SELECT l.effective_date, e.entry_type, e.period, e.description, l.credit - l.debit, l.currency,
                       e.job_execution_id
                  FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                 WHERE l.account = ? AND l.distributor_code = ?
                 ORDER BY l.effective_date, e.id, l.line_no""", rs -> {
            BigDecimal amount = rs.getBigDecimal(5);
            String currency = rs.getString(6);
            balance[0] = balance[0].add(amount);
            lines.add(new Line(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4),
                    Currencies.format(amount, currency), Currencies.format(balance[0], currency),
                    balance[0].signum() < 0, (Long) rs.getObject(7)));
        }, accounts.bonusFund(), code);
        return lines;
    }
}
