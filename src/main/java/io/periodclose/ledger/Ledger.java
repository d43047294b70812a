package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final PostingWriter writer;

    public Ledger(JdbcTemplate jdbc, Accounts accounts, BonusFundQueries fund, PostingWriter writer) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.fund = fund;
        this.writer = writer;
    }

    public Accounts accounts() {
        return accounts;
    }

    /**
     * Posts the entries not yet in the ledger, in the caller's transaction; returns how many were new. A batch whose
     * keys are all new (a first run) costs one statement; a redone batch reads what it posted before and compares.
     */
    public int post(List<Posting> postings, Long jobExecutionId) {
        List<Posting> pending = firstOfEach(postings, Posting::key);
        int posted = 0;
        while (!pending.isEmpty()) {
            PostingWriter.Outcome outcome = writer.append(pending, jobExecutionId);
            if (outcome.existing().isEmpty()) {
                outcome.refusal().ifPresent(Ledger::refuse);
                posted += outcome.written();
                if (outcome.written() == pending.size()) {
                    break;
                }
            }
            // Some keys are in the ledger: posted before (a redone chunk), or just now by a concurrent transaction.
            Map<String, Posting> existing = existing(pending.stream().map(Posting::key).toList());
            for (Posting posting : postings) {
                Posting before = existing.get(posting.key());
                if (before != null && !sameContent(before, posting)) {
                    throw new LedgerConflictException("ledger entry " + posting.key() + " exists with different content:"
                            + " posted " + describe(before) + ", now " + describe(posting));
                }
            }
            List<Posting> left = pending.stream().filter(p -> !existing.containsKey(p.key())).toList();
            if (left.size() == pending.size()) {
                throw new IllegalStateException("ledger entries neither written nor found: " + left.stream()
                        .map(Posting::key).limit(5).toList());
            }
            pending = left;
        }
        return posted;
    }

    /**
     * Accrues a quarter's bonuses ({@link Posting#accrual} for each positive total), in the caller's transaction;
     * returns how many entries were new. A first run costs one statement that PostgreSQL builds the entries in; when
     * any key is in the ledger already (a redone chunk) the accruals are posted as postings, compared like any other.
     */
    public int accrue(Quarter quarter, List<? extends RebateTotal> totals, Long jobExecutionId) {
        List<RebateTotal> positive = firstOfEach(
                totals.stream().filter(total -> total.total().signum() > 0).toList(), RebateTotal::distributor);
        return finish(writer.appendAccruals(accounts, quarter, positive, jobExecutionId), positive.size(),
                () -> positive.stream().map(total -> Posting.accrual(accounts, total.distributor(), total.currency(),
                        quarter, total.total())).toList(), jobExecutionId);
    }

    /**
     * Posts claims' spends as {@link #post} posts {@link Posting#spend} of each, the first of each claim; a batch with
     * no key in the ledger (a first run) is built by PostgreSQL from the spends in one statement, a redone one is
     * posted and compared as postings.
     */
    public int spend(List<Spend> spends, Long jobExecutionId) {
        List<Spend> first = firstOfEach(spends, Spend::claimId);
        return finish(writer.appendSpends(accounts, first, jobExecutionId), first.size(),
                () -> first.stream().map(spend -> spend.posting(accounts)).toList(), jobExecutionId);
    }

    /**
     * After a one-statement append of {@code asked} entries built by PostgreSQL: refuses what a closed period
     * refused, or, when some key was in the ledger already (a redone chunk) or written meanwhile by another
     * transaction, posts the batch as postings, which compares each existing entry with what it would have been.
     */
    private int finish(PostingWriter.Outcome outcome, int asked, Supplier<List<Posting>> postings, Long jobExecutionId) {
        int written = 0;
        if (outcome.existing().isEmpty()) {
            outcome.refusal().ifPresent(Ledger::refuse);
            written = outcome.written();
            if (written == asked) {
                return written;
            }
        }
        return written + post(postings.get(), jobExecutionId);
    }

    private static <T> List<T> firstOfEach(List<? extends T> items, Function<? super T, String> key) {
        Set<String> seen = new HashSet<>();
        return Collections.unmodifiableList(items.stream().filter(item -> seen.add(key.apply(item))).toList());
    }

    private static void refuse(PostingWriter.Refusal refusal) {
        if (refusal.lockedThrough() != null) {
            throw new ClosedPeriodException("cannot post " + refusal.key() + " effective " + refusal.effectiveDate()
                    + ": the bonuses of " + refusal.lockedThrough() + " have expired and the year is locked");
        }
        throw new ClosedPeriodException("cannot post " + refusal.key() + " effective " + refusal.effectiveDate()
                + ": quarter " + refusal.closedQuarter() + " is closed");
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

    /** Several distributors' opening balances and movements of a period; see {@link BonusFundQueries#openingAndMovements}. */
    public Map<String, BonusFundQueries.OpeningAndMovements> openingAndMovements(List<String> distributors,
                                                                                 LocalDate from, LocalDate to) {
        return fund.openingAndMovements(distributors, from, to);
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
}
