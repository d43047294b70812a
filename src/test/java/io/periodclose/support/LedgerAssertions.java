package io.periodclose.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What must hold of the ledger after any run: every entry balanced, and every currency summing to zero. */
public final class LedgerAssertions {

    private LedgerAssertions() {
    }

    public static void assertLedgerSound(JdbcTemplate jdbc) {
        assertThat(jdbc.queryForList("""
                SELECT entry_id FROM ledger_line GROUP BY entry_id HAVING sum(debit) <> sum(credit)""", Long.class))
                .as("unbalanced entries").isEmpty();
        assertThat(jdbc.queryForList("""
                SELECT currency FROM ledger_line GROUP BY currency HAVING sum(debit - credit) <> 0""", String.class))
                .as("currencies whose ledger does not sum to zero").isEmpty();
    }

    /** Every entry as text, ordered by key: two ledgers are equal row for row when these lists are. */
    public static List<String> entries(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                SELECT e.idempotency_key || ' ' || e.entry_type || ' ' || e.effective_date || ' ' || e.currency || ' '
                       || e.amount || ' ' || string_agg(l.account || coalesce('/' || l.distributor_code, '') || ' '
                       || l.debit || '/' || l.credit, ', ' ORDER BY l.line_no)
                  FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id
                 GROUP BY e.id ORDER BY e.idempotency_key""", String.class);
    }

    public static Map<String, Object> entry(JdbcTemplate jdbc, String key) {
        return jdbc.queryForMap("SELECT entry_type, effective_date::text AS effective_date, amount, currency"
                + " FROM ledger_entry WHERE idempotency_key = ?", key);
    }

    public static BigDecimal balance(JdbcTemplate jdbc, String distributor, String asOf) {
        return jdbc.queryForObject("SELECT coalesce(sum(credit - debit), 0) FROM ledger_line WHERE account = '2390'"
                + " AND distributor_code = ? AND effective_date <= ?::date", BigDecimal.class, distributor, asOf);
    }
}
