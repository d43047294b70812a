package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The append-only double-entry ledger of SPEC §5. Posting a key that exists with identical content is a no-op;
 * with different content it fails loudly. No posting lands inside a closed quarter (the year-end expiry on
 * 31 December excepted) or on or before 31 December of a year whose bonuses have expired. The balances and
 * movements it answers are {@link BonusFundQueries}'s, asked through the ledger by the close's steps.
 */
@Repository
public class Ledger {

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final BonusFundQueries fund;

    public Ledger(JdbcTemplate jdbc, Accounts accounts, BonusFundQueries fund) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.fund = fund;
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Posts the entries not yet in the ledger, in the caller's transaction; returns how many were new. */
    public int post(List<Posting> postings, Long jobExecutionId) {
        if (postings.isEmpty()) {
            return 0;
        }
        Map<String, Posting> existing = existing(postings.stream().map(Posting::key).toList());
        List<Posting> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Posting posting : postings) {
            Posting before = existing.get(posting.key());
            if (before != null) {
                if (!sameContent(before, posting)) {
                    throw new LedgerConflictException("ledger entry " + posting.key() + " exists with different content:"
                            + " posted " + describe(before) + ", now " + describe(posting));
                }
            } else if (seen.add(posting.key())) {
                fresh.add(posting);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        refuseClosedPeriods(fresh);
        insert(fresh, jobExecutionId);
        return fresh.size();
    }

    /** D's balance at the end of a day; see {@link BonusFundQueries#balance}. */
    public BigDecimal balance(String distributor, LocalDate asOf) {
        return fund.balance(distributor, asOf);
    }

    /** Several distributors' balances at the end of a day; see {@link BonusFundQueries#balances}. */
    public Map<String, BigDecimal> balances(List<String> distributors, LocalDate asOf) {
        return fund.balances(distributors, asOf);
    }

    /** Several distributors' movements by effective date; see {@link BonusFundQueries#movements}. */
    public Map<String, Map<LocalDate, BigDecimal>> movements(List<String> distributors, LocalDate from, LocalDate to) {
        return fund.movements(distributors, from, to);
    }

    /** What each distributor's bonus of a quarter has credited so far; see {@link BonusFundQueries#accruedFor}. */
    public Map<String, BigDecimal> accruedFor(Quarter quarter, List<String> distributors) {
        return fund.accruedFor(quarter, distributors);
    }

    private Map<String, Posting> existing(List<String> keys) {
        Map<String, List<Posting.Line>> lines = new HashMap<>();
        jdbc.query("""
                SELECT e.idempotency_key, l.account, l.distributor_code, l.debit, l.credit
                  FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id
                 WHERE e.idempotency_key = ANY (?) ORDER BY e.idempotency_key, l.line_no""", rs -> {
            lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Posting.Line(rs.getString(2),
                    rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)));
        }, (Object) keys.toArray(String[]::new));
        Map<String, Posting> existing = new HashMap<>();
        jdbc.query("""
                SELECT idempotency_key, entry_type, effective_date, distributor_code, period, currency, amount, description
                  FROM ledger_entry WHERE idempotency_key = ANY (?)""", rs -> {
            String key = rs.getString(1);
            existing.put(key, new Posting(key, EntryType.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8),
                    lines.getOrDefault(key, List.of())));
        }, (Object) keys.toArray(String[]::new));
        return existing;
    }

    private static boolean sameContent(Posting a, Posting b) {
        if (a.type() != b.type() || !a.effectiveDate().equals(b.effectiveDate())
                || !a.distributor().equals(b.distributor()) || !a.currency().equals(b.currency())
                || a.amount().compareTo(b.amount()) != 0 || a.lines().size() != b.lines().size()) {
            return false;
        }
        for (int i = 0; i < a.lines().size(); i++) {
            Posting.Line x = a.lines().get(i);
            Posting.Line y = b.lines().get(i);
            if (!x.account().equals(y.account()) || !Objects.equals(x.distributor(), y.distributor())
                    || x.debit().compareTo(y.debit()) != 0 || x.credit().compareTo(y.credit()) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Posting p) {
        return p.type() + " " + p.amount().toPlainString() + " " + p.currency() + " effective " + p.effectiveDate()
                + " " + p.lines().stream().map(l -> (l.debit().signum() > 0 ? "Dr " : "Cr ") + l.account()
                + (l.distributor() == null ? "" : "/" + l.distributor())).toList();
    }

    private void refuseClosedPeriods(List<Posting> postings) {
        Set<String> closed = new HashSet<>(jdbc.queryForList("SELECT period FROM period_close", String.class));
        Integer lockedThrough = jdbc.queryForObject("SELECT max(year) FROM year_lock", Integer.class);
        for (Posting posting : postings) {
            LocalDate date = posting.effectiveDate();
            if (lockedThrough != null && date.getYear() <= lockedThrough) {
                throw new ClosedPeriodException("cannot post " + posting.key() + " effective " + date + ": the bonuses"
                        + " of " + lockedThrough + " have expired and the year is locked");
            }
            Quarter quarter = Quarter.of(date);
            boolean yearEndExpiry = posting.type() == EntryType.EXPIRY && date.getMonthValue() == 12
                    && date.getDayOfMonth() == 31;
            if (closed.contains(quarter.toString()) && !yearEndExpiry) {
                throw new ClosedPeriodException("cannot post " + posting.key() + " effective " + date + ": quarter "
                        + quarter + " is closed");
            }
        }
    }

    private void insert(List<Posting> postings, Long jobExecutionId) {
        int n = postings.size();
        List<Long> ids = jdbc.queryForList("SELECT nextval('ledger_entry_id_seq') FROM generate_series(1, ?)",
                Long.class, n);
        Object[][] entry = new Object[10][n];
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Posting p = postings.get(i);
            long id = ids.get(i);
            entry[0][i] = id;
            entry[1][i] = p.key();
            entry[2][i] = p.type().name();
            entry[3][i] = Date.valueOf(p.effectiveDate());
            entry[4][i] = p.distributor();
            entry[5][i] = p.period();
            entry[6][i] = p.currency();
            entry[7][i] = p.amount();
            entry[8][i] = p.description();
            entry[9][i] = jobExecutionId;
            for (int l = 0; l < p.lines().size(); l++) {
                Posting.Line line = p.lines().get(l);
                lines.add(new Object[]{id, (short) (l + 1), line.account(), line.distributor(),
                        Date.valueOf(p.effectiveDate()), p.currency(), line.debit(), line.credit()});
            }
        }
        String[] entryTypes = {"bigint", "varchar", "varchar", "date", "varchar", "varchar", "varchar", "numeric",
                "text", "bigint"};
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ledger_entry (id, idempotency_key, entry_type, effective_date, distributor_code, period,
                                              currency, amount, description, job_execution_id)
                    SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::varchar[],
                                         ?::varchar[], ?::numeric[], ?::text[], ?::bigint[])""")) {
                for (int col = 0; col < entry.length; col++) {
                    ps.setArray(col + 1, array(c, entryTypes[col], entry[col]));
                }
                ps.executeUpdate();
            }
            String[] lineTypes = {"bigint", "smallint", "varchar", "varchar", "date", "varchar", "numeric", "numeric"};
            Object[][] columns = new Object[8][lines.size()];
            for (int r = 0; r < lines.size(); r++) {
                for (int col = 0; col < 8; col++) {
                    columns[col][r] = lines.get(r)[col];
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency,
                                             debit, credit)
                    SELECT * FROM unnest(?::bigint[], ?::smallint[], ?::varchar[], ?::varchar[], ?::date[],
                                         ?::varchar[], ?::numeric[], ?::numeric[])""")) {
                for (int col = 0; col < 8; col++) {
                    ps.setArray(col + 1, array(c, lineTypes[col], columns[col]));
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
