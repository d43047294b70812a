package io.periodclose.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's invariants, checked with plain SQL anyone can also run by hand (docs/ledger.md lists it). Each
 * check's query returns the offending rows, so an empty result means the invariant holds.
 */
@Service
public class LedgerCheck {

    public record Result(String invariant, long violations, List<String> examples) {
        public boolean holds() {
            return violations == 0;
        }
    }

    public static final List<String[]> CHECKS = List.of(
            new String[]{"every entry balances (debits = credits)", """
                    SELECT entry_id::text FROM ledger_line GROUP BY entry_id HAVING sum(debit) <> sum(credit)"""},
            new String[]{"every line belongs to an entry", """
                    SELECT l.entry_id::text FROM ledger_line l LEFT JOIN ledger_entry e ON e.id = l.entry_id
                     WHERE e.id IS NULL GROUP BY l.entry_id"""},
            new String[]{"every entry has lines, and its amount is what they move", """
                    SELECT e.idempotency_key FROM ledger_entry e LEFT JOIN ledger_line l ON l.entry_id = e.id
                     GROUP BY e.id HAVING coalesce(sum(l.debit), -1) <> e.amount"""},
            new String[]{"idempotency keys are unique", """
                    SELECT idempotency_key FROM ledger_entry GROUP BY idempotency_key HAVING count(*) > 1"""},
            new String[]{"per currency the ledger sums to zero", """
                    SELECT currency || ' ' || sum(debit - credit) FROM ledger_line GROUP BY currency
                    HAVING sum(debit - credit) <> 0"""},
            new String[]{"lines carry their entry's date, currency and distributor", """
                    SELECT e.idempotency_key FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id
                     WHERE l.effective_date <> e.effective_date OR l.currency <> e.currency
                        OR (l.distributor_code IS NOT NULL AND l.distributor_code <> e.distributor_code)"""},
            new String[]{"no entry posted into a quarter after it was closed (year-end expiry excepted)", """
                    SELECT e.idempotency_key FROM ledger_entry e
                     WHERE e.entry_type <> 'EXPIRY'
                       AND EXISTS (SELECT 1 FROM period_close p
                                    WHERE p.period >= to_char(e.effective_date, 'YYYY"-Q"Q')
                                      AND e.posted_at > p.closed_at)"""},
            new String[]{"no entry on or before 31 December of a locked year after its lock", """
                    SELECT e.idempotency_key FROM ledger_entry e JOIN year_lock y
                        ON e.effective_date <= make_date(y.year, 12, 31) AND e.posted_at > y.locked_at"""},
            new String[]{"the ledger's tables refuse UPDATE, DELETE and TRUNCATE", """
                    SELECT t FROM unnest(ARRAY['ledger_entry', 'ledger_line']) t
                     WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                        WHERE c.relname = t AND g.tgname = t || '_append_only')"""});

    private final JdbcTemplate jdbc;

    public LedgerCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (String[] check : CHECKS) {
            List<String> offending = jdbc.queryForList(check[1], String.class);
            results.add(new Result(check[0], offending.size(), offending.stream().limit(5).toList()));
        }
        return results;
    }
}
