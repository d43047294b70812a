package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's own promises (SPEC §5), held by PostgreSQL and by {@link Ledger} with every trigger on: entries are
 * never changed or removed, every entry balances, a key is posted once, and nothing lands in a closed quarter or a
 * locked year.
 */
@DatabaseTest
class LedgerGuaranteesTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    PlatformTransactionManager transactionManager;

    TransactionTemplate transaction;
    Accounts accounts;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR");
        transaction = new TransactionTemplate(transactionManager);
        accounts = ledger.accounts();
        assertThat(jdbc.queryForList("SELECT tgname FROM pg_trigger WHERE tgenabled = 'O' AND tgname IN"
                + " ('ledger_entry_append_only', 'ledger_line_append_only', 'ledger_entry_balanced',"
                + " 'ledger_entry_balanced_at_commit') ORDER BY 1",
                String.class)).as("the ledger's triggers are on")
                .containsExactly("ledger_entry_append_only", "ledger_entry_balanced", "ledger_entry_balanced_at_commit",
                        "ledger_line_append_only");
    }

    @Test
    void theLedgerRefusesUpdateDeleteAndTruncate() {
        post(accrual("D1", "2026-Q1", "575.00"));
        List<String> before = entries(jdbc);

        for (String table : List.of("ledger_entry", "ledger_line")) {
            String column = table.equals("ledger_entry") ? "amount" : "credit";
            for (String sql : List.of("UPDATE " + table + " SET " + column + " = " + column + " + 1",
                    "DELETE FROM " + table, "TRUNCATE " + table + " CASCADE")) {
                String operation = sql.substring(0, sql.indexOf(' '));
                assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    assertThat(jdbc.queryForObject("SHOW session_replication_role", String.class)).isEqualTo("origin");
                    jdbc.execute(sql);
                })).as(sql).isInstanceOf(DataAccessException.class)
                        .hasMessageContaining("the ledger is append-only: " + operation + " on " + table + " is refused");
            }
        }
        assertThat(entries(jdbc)).isEqualTo(before);
    }

    @Test
    void anEntryThatDoesNotBalanceIsRefusedWhenItsTransactionCommits() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            Long id = jdbc.queryForObject("""
                    INSERT INTO ledger_entry (idempotency_key, entry_type, effective_date, distributor_code, period,
                                              currency, amount, description)
                    VALUES ('ACCRUAL:D1:2026-Q1', 'ACCRUAL', '2026-04-01', 'D1', '2026-Q1', 'EUR', 100, 'Bonus')
                    RETURNING id""", Long.class);
            jdbc.update("INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date,"
                    + " currency, debit, credit) VALUES (?, 1, ?, NULL, '2026-04-01', 'EUR', 100, 0)", id,
                    accounts.rebateExpense());
            jdbc.update("INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date,"
                    + " currency, debit, credit) VALUES (?, 2, ?, 'D1', '2026-04-01', 'EUR', 0, 90)", id,
                    accounts.bonusFund());
            // deferred: the lines are in; the check runs at commit
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_line", Long.class)).isEqualTo(2);
        })).hasMessageContaining("commit failed").rootCause()
                .hasMessageContaining("does not balance: debits exceed credits by 10");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_line", Long.class)).isZero();
    }

    @Test
    void anEntryWhoseLinesComeOneStatementAtATimeIsAcceptedWhenItBalancesAtCommit() {
        transaction.executeWithoutResult(status -> {
            long id = entry("ACCRUAL:D1:2026-Q1");
            line(id, 1, accounts.rebateExpense(), null, "100", "0");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_balance_pending", Long.class))
                    .as("unbalanced after its first line: noted for the check at commit").isEqualTo(1);
            line(id, 2, accounts.bonusFund(), "D1", "0", "100");
        });

        assertThat(rows()).containsExactly(1L, 2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_balance_pending", Long.class)).isZero();
    }

    @Test
    void anEntryThatDoesNotBalanceInOneStatementIsRefused() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> jdbc.update("""
                WITH e AS (INSERT INTO ledger_entry (idempotency_key, entry_type, effective_date, distributor_code,
                                                     period, currency, amount, description)
                           VALUES ('ACCRUAL:D1:2026-Q1', 'ACCRUAL', '2026-04-01', 'D1', '2026-Q1', 'EUR', 100, 'Bonus')
                           RETURNING id)
                INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency, debit,
                                         credit)
                SELECT e.id, l.no, l.account, l.distributor, '2026-04-01', 'EUR', l.debit, l.credit
                  FROM e, (VALUES (1, ?, NULL, 100.00, 0), (2, ?, 'D1', 0, 99.99)) AS l (no, account, distributor,
                                                                                        debit, credit)""",
                accounts.rebateExpense(), accounts.bonusFund())))
                .rootCause().hasMessageContaining("does not balance: debits exceed credits by 0.01");

        assertThat(rows()).containsExactly(0L, 0L);
    }

    @Test
    void aLineOfAnEntryThatDoesNotExistIsRefusedWithItsStatement() {
        post(accrual("D1", "2026-Q1", "575.00"));
        long id = jdbc.queryForObject("SELECT id FROM ledger_entry", Long.class);

        // balanced on its own, so only the entry check can refuse it
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> jdbc.update("""
                INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency, debit,
                                         credit)
                VALUES (?, 1, ?, NULL, '2026-04-01', 'EUR', 5, 0), (?, 2, ?, 'D1', '2026-04-01', 'EUR', 0, 5),
                       (?, 3, ?, NULL, '2026-04-01', 'EUR', 1, 0), (?, 4, ?, 'D1', '2026-04-01', 'EUR', 0, 1)""",
                id + 1, accounts.rebateExpense(), id + 1, accounts.bonusFund(),
                id, accounts.rebateExpense(), id, accounts.bonusFund())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .rootCause().hasMessageContaining("ledger line of entry " + (id + 1) + " refused: there is no such");

        assertThat(rows()).containsExactly(1L, 2L);
    }

    @Test
    void aLineAddedLaterToABalancedEntryIsRefused() {
        post(accrual("D1", "2026-Q1", "575.00"));
        long id = jdbc.queryForObject("SELECT id FROM ledger_entry", Long.class);

        assertThatThrownBy(() -> transaction.executeWithoutResult(
                status -> line(id, 3, accounts.bonusFund(), "D1", "0", "1")))
                .rootCause().hasMessageContaining("ledger entry " + id + " does not balance: debits exceed credits by -1");

        assertThat(rows()).containsExactly(1L, 2L);
    }

    private long entry(String key) {
        return jdbc.queryForObject("""
                INSERT INTO ledger_entry (idempotency_key, entry_type, effective_date, distributor_code, period,
                                          currency, amount, description)
                VALUES (?, 'ACCRUAL', '2026-04-01', 'D1', '2026-Q1', 'EUR', 100, 'Bonus')
                RETURNING id""", Long.class, key);
    }

    private void line(long entry, int no, String account, String distributor, String debit, String credit) {
        jdbc.update("INSERT INTO ledger_line (entry_id, line_no, account, distributor_code, effective_date, currency,"
                + " debit, credit) VALUES (?, ?, ?, ?, '2026-04-01', 'EUR', ?, ?)", entry, no, account, distributor,
                new java.math.BigDecimal(debit), new java.math.BigDecimal(credit));
    }

    @Test
    void theSameKeyIsANoOpWithTheSameContentAndFailsLoudlyWithOther() {
        assertThat(post(accrual("D1", "2026-Q1", "575.00"), accrual("D2", "2026-Q1", "25.00"))).isEqualTo(2);
        List<String> before = entries(jdbc);

        assertThat(post(accrual("D1", "2026-Q1", "575.00"))).as("posted again: nothing new").isZero();
        assertThat(post(accrual("D1", "2026-Q1", "575.0000"), accrual("D2", "2026-Q1", "25"))).isZero();
        assertThat(entries(jdbc)).isEqualTo(before);
        assertThat(rows()).containsExactly(2L, 4L);

        assertThatThrownBy(() -> post(accrual("D1", "2026-Q1", "575.01")))
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("ledger entry ACCRUAL:D1:2026-Q1 exists with different content")
                .hasMessageContaining("posted ACCRUAL 575.0000 EUR").hasMessageContaining("now ACCRUAL 575.01 EUR");
        Posting otherDistributor = new Posting("ACCRUAL:D1:2026-Q1", EntryType.ACCRUAL, LocalDate.parse("2026-04-01"),
                "D1", "2026-Q1", "EUR", new BigDecimal("575.00"), "Bonus 2026-Q1",
                List.of(new Posting.Line(accounts.rebateExpense(), null, new BigDecimal("575.00"), BigDecimal.ZERO),
                        new Posting.Line(accounts.bonusFund(), "D2", BigDecimal.ZERO, new BigDecimal("575.00"))));
        assertThatThrownBy(() -> post(accrual("D3", "2026-Q1", "1.00"), otherDistributor))
                .as("a conflict fails the whole batch, the new entry beside it included")
                .isInstanceOf(LedgerConflictException.class).hasMessageContaining("Cr 2390/D2");
        assertThat(entries(jdbc)).isEqualTo(before);
        assertThat(rows()).containsExactly(2L, 4L);
    }

    @Test
    void nothingIsPostedInsideAClosedQuarter() {
        Books.markClosed(jdbc, "2026-Q1");

        assertThatThrownBy(() -> post(spend("C1", "2026-03-31", "10.00")))
                .isInstanceOf(ClosedPeriodException.class)
                .hasMessageContaining("cannot post SPEND:C1 effective 2026-03-31: quarter 2026-Q1 is closed");
        assertThatThrownBy(() -> post(Posting.expiry(accounts, "D1", "EUR", 2026, new BigDecimal("5.00")),
                spend("C2", "2026-01-01", "10.00")))
                .isInstanceOf(ClosedPeriodException.class).hasMessageContaining("SPEND:C2");
        assertThat(rows()).containsExactly(0L, 0L);

        assertThat(post(spend("C3", "2026-04-01", "10.00"))).as("the next quarter is open").isEqualTo(1);
    }

    @Test
    void nothingIsPostedOnOrBeforeTheEndOfALockedYearNotEvenInAQuarterLeftOpen() {
        // 2025 is locked and none of its quarters is marked closed: only the lock can refuse these
        jdbc.update("INSERT INTO year_lock (year, job_execution_id) VALUES (2025, 0)");

        assertThatThrownBy(() -> post(spend("C1", "2025-05-01", "10.00")))
                .isInstanceOf(ClosedPeriodException.class)
                .hasMessageContaining("cannot post SPEND:C1 effective 2025-05-01: the bonuses of 2025 have expired"
                        + " and the year is locked");
        assertThatThrownBy(() -> post(Posting.expiry(accounts, "D1", "EUR", 2025, new BigDecimal("5.00"))))
                .as("not even the year-end expiry, which a closed Q4 lets through")
                .isInstanceOf(ClosedPeriodException.class).hasMessageContaining("the year is locked");
        assertThatThrownBy(() -> post(accrual("D1", "2025-Q3", "5.00"))).isInstanceOf(ClosedPeriodException.class);
        assertThat(rows()).containsExactly(0L, 0L);

        assertThat(post(accrual("D1", "2025-Q4", "5.00"))).as("effective 2026-01-01, after the lock").isEqualTo(1);
    }

    private int post(Posting... postings) {
        return transaction.execute(status -> ledger.post(List.of(postings), null));
    }

    private Posting accrual(String distributor, String quarter, String amount) {
        return Posting.accrual(accounts, distributor, "EUR", Quarter.parse(quarter), new BigDecimal(amount));
    }

    private Posting spend(String claim, String date, String amount) {
        return Posting.spend(accounts, "D1", "EUR", claim, LocalDate.parse(date), new BigDecimal(amount), "Каталоги");
    }

    /** Entries and lines in the ledger. */
    private List<Long> rows() {
        return List.of(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM ledger_line", Long.class));
    }
}
