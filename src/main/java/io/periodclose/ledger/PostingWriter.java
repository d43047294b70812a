package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends a batch of postings, entries and their lines, to the ledger in ONE statement, in the caller's transaction:
 * the keys that exist already, the closed periods and the insert itself are decided by PostgreSQL in a single round
 * trip, whatever the batch's size. All or nothing: when any key of the batch is in the ledger already, or any entry
 * would land in a closed quarter or a locked year, nothing is written and the outcome says why, so {@link Ledger}
 * can compare the existing entries' content or refuse. A key a concurrent transaction commits meanwhile is skipped
 * ({@code ON CONFLICT DO NOTHING}) and shows as fewer entries written than asked. The entries take their ids from
 * the sequence in the batch's order; each line carries its entry's date and currency.
 */
@Repository
public class PostingWriter {

    /** The first posting of the batch a closed period refuses: a locked year ({@code lockedThrough}) or quarter. */
    public record Refusal(String key, LocalDate effectiveDate, Integer lockedThrough, String closedQuarter) {
    }

    /**
     * @param written  entries written (0 when any key existed or any entry was refused)
     * @param existing the batch's keys found in the ledger before the statement
     * @param refusal  the first new posting a closed period refuses, if any (looked for among the new keys)
     */
    public record Outcome(int written, List<String> existing, Optional<Refusal> refusal) {

        /** An empty batch's. */
        static final Outcome NOTHING = new Outcome(0, List.of(), Optional.empty());
    }

    /** The batch as arrays, an entry's fields and its lines. */
    private static final String POSTINGS = """
            WITH input AS (
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::varchar[],
                                     ?::numeric[], ?::text[])
                       WITH ORDINALITY AS i(idempotency_key, entry_type, effective_date, distributor_code, period,
                                            currency, amount, description, ord)
            ), line_input AS (
                SELECT * FROM unnest(?::bigint[], ?::smallint[], ?::varchar[], ?::varchar[], ?::numeric[], ?::numeric[])
                       AS l(ord, line_no, account, distributor_code, debit, credit)
            )""";

    /**
     * A quarter's accruals as the distributors' keys, currencies and totals: the rest of each entry is the quarter's
     * and the lines are {@link Posting#accrual}'s, Dr rebate expense / Cr the distributor's bonus fund.
     */
    private static final String ACCRUALS = """
            WITH input AS (
                SELECT a.idempotency_key, 'ACCRUAL'::varchar AS entry_type, ?::date AS effective_date,
                       a.distributor_code, ?::varchar AS period, a.currency, a.amount, ?::text AS description, a.ord
                  FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[])
                       WITH ORDINALITY AS a(idempotency_key, distributor_code, currency, amount, ord)
            ), line_input AS (
                SELECT i.ord, 1::smallint AS line_no, ?::varchar AS account, NULL::varchar AS distributor_code,
                       i.amount AS debit, 0::numeric AS credit
                  FROM input i
                 UNION ALL
                SELECT i.ord, 2::smallint, ?::varchar, i.distributor_code, 0::numeric, i.amount
                  FROM input i
            )""";

    /**
     * Claims' spends as their keys, distributors, currencies, dates, periods, amounts and descriptions: the lines are
     * {@link Posting#spend}'s, Dr the distributor's bonus fund / Cr marketing spend.
     */
    private static final String SPENDS = """
            WITH input AS (
                SELECT s.idempotency_key, 'SPEND'::varchar AS entry_type, s.effective_date, s.distributor_code,
                       s.period, s.currency, s.amount, s.description, s.ord
                  FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::numeric[],
                              ?::text[])
                       WITH ORDINALITY AS s(idempotency_key, distributor_code, currency, effective_date, period, amount,
                                            description, ord)
            ), line_input AS (
                SELECT i.ord, 1::smallint AS line_no, ?::varchar AS account, i.distributor_code, i.amount AS debit,
                       0::numeric AS credit
                  FROM input i
                 UNION ALL
                SELECT i.ord, 2::smallint, ?::varchar, NULL::varchar, 0::numeric, i.amount
                  FROM input i
            )""";

    /** What is done with the batch, whichever way it came: {@code input} entries, {@code line_input} lines. */
    private static final String APPEND = """
            , existing AS (
                -- a lateral probe per key: as an EXISTS the planner hashes the whole ledger for every batch
                SELECT i.idempotency_key, i.ord FROM input i
                 CROSS JOIN LATERAL (SELECT 1 FROM ledger_entry e
                                      WHERE e.idempotency_key = i.idempotency_key LIMIT 1) found
            ), locked AS (
                SELECT max(year) AS through FROM year_lock
            ), refused AS (
                SELECT i.idempotency_key, i.effective_date, i.ord,
                       CASE WHEN extract(YEAR FROM i.effective_date) <= locked.through THEN locked.through END AS through,
                       to_char(i.effective_date, 'YYYY"-Q"Q') AS quarter
                  FROM input i CROSS JOIN locked
                 WHERE NOT EXISTS (SELECT 1 FROM existing x WHERE x.ord = i.ord)
                   AND (extract(YEAR FROM i.effective_date) <= locked.through
                        -- a quarter before a closed one counts as closed, also when it had no close of its own
                        OR (EXISTS (SELECT 1 FROM period_close p
                                     WHERE p.period >= to_char(i.effective_date, 'YYYY"-Q"Q'))
                            -- the year-end expiry is posted on 31 December of a year whose Q4 is closed
                            AND NOT (i.entry_type = 'EXPIRY' AND to_char(i.effective_date, 'MM-DD') = '12-31')))
            ), entries AS (
                INSERT INTO ledger_entry (idempotency_key, entry_type, effective_date, distributor_code, period,
                                          currency, amount, description, job_execution_id)
                SELECT i.idempotency_key, i.entry_type, i.effective_date, i.distributor_code, i.period, i.currency,
                       i.amount, i.description, ?::bigint
                  FROM input i
                 WHERE NOT EXISTS (SELECT 1 FROM existing) AND NOT EXISTS (SELECT 1 FROM refused)
                 ORDER BY i.ord
                    ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, idempotency_key, effective_date, currency
            ), lines AS (
                INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency,
                                         debit, credit)
                SELECT e.id, l.line_no, l.account, l.distributor_code, e.effective_date, e.currency, l.debit, l.credit
                  FROM entries e JOIN input i ON i.idempotency_key = e.idempotency_key
                  JOIN line_input l ON l.ord = i.ord
            )
            SELECT 'WRITTEN', NULL::varchar, NULL::date, NULL::int, NULL::text, count(*) FROM entries
            UNION ALL
            SELECT 'EXISTS', idempotency_key, NULL, NULL, NULL, ord FROM existing
            UNION ALL
            (SELECT 'REFUSED', idempotency_key, effective_date, through, quarter, ord FROM refused ORDER BY ord LIMIT 1)
            """;

    private final JdbcTemplate jdbc;

    public PostingWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the postings (keys unique within the batch) unless a key exists or a period refuses one. */
    public Outcome append(List<Posting> postings, Long jobExecutionId) {
        if (postings.isEmpty()) {
            return Outcome.NOTHING;
        }
        int n = postings.size();
        Object[][] entry = new Object[8][n];
        List<Posting.Line> lines = new ArrayList<>(2 * n);
        List<Long> lineOrdinals = new ArrayList<>(2 * n);
        List<Short> lineNumbers = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            Posting p = postings.get(i);
            entry[0][i] = p.key();
            entry[1][i] = p.type().name();
            entry[2][i] = Date.valueOf(p.effectiveDate());
            entry[3][i] = p.distributor();
            entry[4][i] = p.period();
            entry[5][i] = p.currency();
            entry[6][i] = p.amount();
            entry[7][i] = p.description();
            for (int l = 0; l < p.lines().size(); l++) {
                lines.add(p.lines().get(l));
                lineOrdinals.add((long) i + 1);
                lineNumbers.add((short) (l + 1));
            }
        }
        String[] entryTypes = {"varchar", "varchar", "date", "varchar", "varchar", "varchar", "numeric", "text"};
        return run(POSTINGS, jobExecutionId, (c, ps) -> {
            int parameter = arrays(c, ps, 1, entryTypes, entry);
            ps.setArray(parameter++, array(c, "bigint", lineOrdinals.toArray()));
            ps.setArray(parameter++, array(c, "smallint", lineNumbers.toArray()));
            ps.setArray(parameter++, array(c, "varchar", lines.stream().map(Posting.Line::account).toArray()));
            ps.setArray(parameter++, array(c, "varchar", lines.stream().map(Posting.Line::distributor).toArray()));
            ps.setArray(parameter++, array(c, "numeric", lines.stream().map(Posting.Line::debit).toArray()));
            ps.setArray(parameter++, array(c, "numeric", lines.stream().map(Posting.Line::credit).toArray()));
            return parameter;
        });
    }

    /**
     * Appends a quarter's accruals, {@link Posting#accrual} for each of the totals (positive, one per distributor),
     * with the same one statement and the same all-or-nothing outcome as {@link #append}; PostgreSQL builds the
     * entries and lines from the distributors' keys, currencies and totals, so a batch costs four arrays to send.
     */
    public Outcome appendAccruals(Accounts accounts, Quarter quarter, List<RebateTotal> totals, Long jobExecutionId) {
        if (totals.isEmpty()) {
            return Outcome.NOTHING;
        }
        int n = totals.size();
        Object[] keys = new Object[n];
        Object[] distributors = new Object[n];
        Object[] currencies = new Object[n];
        Object[] amounts = new Object[n];
        for (int i = 0; i < n; i++) {
            RebateTotal total = totals.get(i);
            keys[i] = Posting.accrualKey(total.distributor(), quarter);
            distributors[i] = total.distributor();
            currencies[i] = total.currency();
            amounts[i] = total.total();
        }
        return run(ACCRUALS, jobExecutionId, (c, ps) -> {
            ps.setObject(1, quarter.dayAfter());
            ps.setString(2, quarter.toString());
            ps.setString(3, Posting.accrualDescription(quarter));
            ps.setArray(4, array(c, "varchar", keys));
            ps.setArray(5, array(c, "varchar", distributors));
            ps.setArray(6, array(c, "varchar", currencies));
            ps.setArray(7, array(c, "numeric", amounts));
            ps.setString(8, accounts.rebateExpense());
            ps.setString(9, accounts.bonusFund());
            return 10;
        });
    }

    /**
     * Appends claims' spends, {@link Posting#spend} for each (keys unique within the batch), with the same one
     * statement and the same all-or-nothing outcome as {@link #append}; PostgreSQL builds each entry's two lines, so
     * a batch sends seven arrays of its entries and none of lines.
     */
    public Outcome appendSpends(Accounts accounts, List<Spend> spends, Long jobExecutionId) {
        if (spends.isEmpty()) {
            return Outcome.NOTHING;
        }
        int n = spends.size();
        Object[][] columns = new Object[7][n];
        for (int i = 0; i < n; i++) {
            Spend spend = spends.get(i);
            columns[0][i] = Posting.spendKey(spend.claimId());
            columns[1][i] = spend.distributor();
            columns[2][i] = spend.currency();
            columns[3][i] = Date.valueOf(spend.claimDate());
            columns[4][i] = Quarter.of(spend.claimDate()).toString();
            columns[5][i] = spend.covered();
            columns[6][i] = spend.description();
        }
        String[] types = {"varchar", "varchar", "varchar", "date", "varchar", "numeric", "text"};
        return run(SPENDS, jobExecutionId, (c, ps) -> {
            int parameter = arrays(c, ps, 1, types, columns);
            ps.setString(parameter++, accounts.bonusFund());
            ps.setString(parameter++, accounts.marketingSpend());
            return parameter;
        });
    }

    /** Binds a head's parameters from the first; returns the index of the next, {@code APPEND}'s job execution id. */
    @FunctionalInterface
    private interface HeadParameters {
        int bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Runs {@code head} (its {@code input} and {@code line_input}) followed by {@code APPEND}. */
    private Outcome run(String head, Long jobExecutionId, HeadParameters parameters) {
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(head + APPEND)) {
                ps.setObject(parameters.bind(c, ps), jobExecutionId, java.sql.Types.BIGINT);
                try (ResultSet rs = ps.executeQuery()) {
                    return outcome(rs);
                }
            }
        });
    }

    /** One array parameter per column, from {@code first}; returns the index of the next parameter. */
    private static int arrays(Connection c, PreparedStatement ps, int first, String[] types, Object[][] columns)
            throws SQLException {
        int parameter = first;
        for (int col = 0; col < columns.length; col++) {
            ps.setArray(parameter++, array(c, types[col], columns[col]));
        }
        return parameter;
    }

    private static Outcome outcome(ResultSet rs) throws SQLException {
        int written = 0;
        List<String> existing = new ArrayList<>();
        Refusal refusal = null;
        while (rs.next()) {
            switch (rs.getString(1)) {
                case "WRITTEN" -> written = rs.getInt(6);
                case "EXISTS" -> existing.add(rs.getString(2));
                default -> refusal = new Refusal(rs.getString(2), rs.getObject(3, LocalDate.class),
                        (Integer) rs.getObject(4), rs.getString(5));
            }
        }
        return new Outcome(written, existing, Optional.ofNullable(refusal));
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
