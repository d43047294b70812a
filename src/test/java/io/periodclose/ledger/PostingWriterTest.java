package io.periodclose.ledger;

import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-statement append of a batch of postings on PostgreSQL, every trigger on: entries and lines written with
 * their ids in the batch's order, and nothing at all written when a key exists or a closed period refuses one.
 */
@DatabaseTest
class PostingWriterTest {

    static final Quarter Q1 = Quarter.parse("2026-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PostingWriter writer;
    @Autowired
    Accounts accounts;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "JPY");
    }

    @Test
    void writesEachEntryWithItsLinesInTheBatchsOrder() {
        PostingWriter.Outcome outcome = writer.append(List.of(accrual("D2", "JPY", "1200"), accrual("D1", "EUR", "575.25"),
                spend("C1", "D1", "2026-05-10", "100.00")), 7L);

        assertThat(outcome.written()).isEqualTo(3);
        assertThat(outcome.existing()).isEmpty();
        assertThat(outcome.refusal()).isEmpty();
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || job_execution_id FROM ledger_entry ORDER BY id",
                String.class)).containsExactly("ACCRUAL:D2:2026-Q1 7", "ACCRUAL:D1:2026-Q1 7", "SPEND:C1 7");
        assertThat(entries(jdbc)).containsExactly(
                "ACCRUAL:D1:2026-Q1 ACCRUAL 2026-04-01 EUR 575.2500 6310 575.2500/0.0000, 2390/D1 0.0000/575.2500",
                "ACCRUAL:D2:2026-Q1 ACCRUAL 2026-04-01 JPY 1200.0000 6310 1200.0000/0.0000, 2390/D2 0.0000/1200.0000",
                "SPEND:C1 SPEND 2026-05-10 EUR 100.0000 2390/D1 100.0000/0.0000, 6320 0.0000/100.0000");
        assertThat(jdbc.queryForList("""
                SELECT count(*) FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                 WHERE l.effective_date = e.effective_date AND l.currency = e.currency""", Long.class))
                .as("every line carries its entry's date and currency").containsExactly(6L);
        assertLedgerSound(jdbc);
    }

    @Test
    void writesNothingWhenAKeyOfTheBatchExists() {
        writer.append(List.of(accrual("D1", "EUR", "575.00")), 1L);
        List<String> before = entries(jdbc);

        PostingWriter.Outcome outcome = writer.append(List.of(spend("C1", "D1", "2026-05-10", "100.00"),
                accrual("D1", "EUR", "999.00")), 2L);

        assertThat(outcome.written()).isZero();
        assertThat(outcome.existing()).containsExactly("ACCRUAL:D1:2026-Q1");
        assertThat(entries(jdbc)).isEqualTo(before);
    }

    @Test
    void writesNothingWhenAClosedQuarterOrALockedYearRefusesAnEntry() {
        Books.markClosed(jdbc, "2026-Q2");

        PostingWriter.Outcome closed = writer.append(List.of(spend("C0", "D1", "2026-07-01", "1.00"),
                spend("C1", "D1", "2026-05-10", "100.00"), spend("C2", "D1", "2026-06-10", "1.00")), 1L);
        assertThat(closed.written()).isZero();
        assertThat(closed.refusal()).as("the first refused posting of the batch").contains(new PostingWriter.Refusal(
                "SPEND:C1", LocalDate.parse("2026-05-10"), null, "2026-Q2"));
        // 2026-Q1 was never closed on its own, but lies before a closed quarter: closed too
        assertThat(writer.append(List.of(spend("C3", "D1", "2026-03-31", "1.00")), 1L).refusal())
                .contains(new PostingWriter.Refusal("SPEND:C3", LocalDate.parse("2026-03-31"), null, "2026-Q1"));

        jdbc.update("INSERT INTO year_lock (year, job_execution_id) VALUES (2025, 0)");
        PostingWriter.Outcome locked = writer.append(List.of(Posting.expiry(accounts, "D1", "EUR", 2025,
                new BigDecimal("5.00"))), 1L);
        assertThat(locked.refusal()).contains(new PostingWriter.Refusal("EXPIRY:D1:2025",
                LocalDate.parse("2025-12-31"), 2025, "2025-Q4"));
        assertThat(entries(jdbc)).isEmpty();
    }

    @Test
    void theYearEndExpiryIsWrittenIntoItsClosedFourthQuarter() {
        Books.markClosed(jdbc, "2026-Q4");

        PostingWriter.Outcome outcome = writer.append(List.of(Posting.expiry(accounts, "D1", "EUR", 2026,
                new BigDecimal("5.00"))), 1L);

        assertThat(outcome.refusal()).isEmpty();
        assertThat(outcome.written()).isEqualTo(1);
        assertLedgerSound(jdbc);
    }

    @Test
    void anExistingEntryInAClosedQuarterIsReportedAsExistingNotRefused() {
        writer.append(List.of(spend("C1", "D1", "2026-05-10", "100.00")), 1L);
        Books.markClosed(jdbc, "2026-Q2");

        PostingWriter.Outcome outcome = writer.append(List.of(spend("C1", "D1", "2026-05-10", "100.00")), 2L);

        assertThat(outcome.existing()).containsExactly("SPEND:C1");
        assertThat(outcome.refusal()).isEmpty();
        assertThat(outcome.written()).isZero();
    }

    @Test
    void accrualsBuiltByTheDatabaseAreThoseOfPostingAccrualInTheBatchsOrder() {
        List<RebateTotal> totals = List.of(new RebateTotal("D2", "JPY", new BigDecimal("1200")),
                new RebateTotal("D1", "EUR", new BigDecimal("575.25")));

        Written written = sameAsAppend(writer.appendAccruals(accounts, Q1, totals, 7L),
                List.of(accrual("D2", "JPY", "1200"), accrual("D1", "EUR", "575.25")), 7L);

        assertThat(written.entries()).hasSize(2);
        assertThat(written.fields()).containsExactly(
                "ACCRUAL:D2:2026-Q1|D2|2026-Q1|Bonus 2026-Q1|7|1:6310::1200.0000:0.0000 2:2390:D2:0.0000:1200.0000",
                "ACCRUAL:D1:2026-Q1|D1|2026-Q1|Bonus 2026-Q1|7|1:6310::575.2500:0.0000 2:2390:D1:0.0000:575.2500");
    }

    @Test
    void accrualsOfAnExistingKeyOrAClosedQuarterWriteNothing() {
        writer.append(List.of(accrual("D1", "EUR", "575.00")), 1L);
        List<String> before = entries(jdbc);

        PostingWriter.Outcome existing = writer.appendAccruals(accounts, Q1,
                List.of(new RebateTotal("D2", "JPY", new BigDecimal("5")), new RebateTotal("D1", "EUR", BigDecimal.TEN)), 2L);
        assertThat(existing.existing()).containsExactly("ACCRUAL:D1:2026-Q1");
        assertThat(existing.written()).isZero();

        Books.markClosed(jdbc, "2026-Q2");
        PostingWriter.Outcome refused = writer.appendAccruals(accounts, Q1,
                List.of(new RebateTotal("D2", "JPY", new BigDecimal("5"))), 3L);
        assertThat(refused.refusal()).map(PostingWriter.Refusal::closedQuarter).contains("2026-Q2");
        assertThat(refused.written()).isZero();
        assertThat(entries(jdbc)).isEqualTo(before);
    }

    @Test
    void spendsBuiltByTheDatabaseAreThoseOfPostingSpendInTheBatchsOrder() {
        List<Spend> spends = List.of(
                new Spend("C2", "D2", "JPY", LocalDate.parse("2026-05-10"), new BigDecimal("1200"),
                        "Claim C2 CATALOGUES: Каталоги «Весна»"),
                new Spend("C1", "D1", "EUR", LocalDate.parse("2026-03-31"), new BigDecimal("575.25"),
                        "Claim C1 TRADE_SHOWS: stand"));

        Written written = sameAsAppend(writer.appendSpends(accounts, spends, 7L),
                spends.stream().map(spend -> spend.posting(accounts)).toList(), 7L);

        assertThat(written.entries()).containsExactly(
                "SPEND:C1 SPEND 2026-03-31 EUR 575.2500 2390/D1 575.2500/0.0000, 6320 0.0000/575.2500",
                "SPEND:C2 SPEND 2026-05-10 JPY 1200.0000 2390/D2 1200.0000/0.0000, 6320 0.0000/1200.0000");
        assertThat(written.fields()).containsExactly(
                "SPEND:C2|D2|2026-Q2|Claim C2 CATALOGUES: Каталоги «Весна»|7|"
                        + "1:2390:D2:1200.0000:0.0000:2026-05-10:JPY 2:6320::0.0000:1200.0000:2026-05-10:JPY",
                "SPEND:C1|D1|2026-Q1|Claim C1 TRADE_SHOWS: stand|7|"
                        + "1:2390:D1:575.2500:0.0000:2026-03-31:EUR 2:6320::0.0000:575.2500:2026-03-31:EUR");
    }

    @Test
    void spendsOfAnExistingKeyOrAClosedQuarterWriteNothing() {
        writer.append(List.of(spend("C1", "D1", "2026-05-10", "100.00")), 1L);
        List<String> before = entries(jdbc);

        PostingWriter.Outcome existing = writer.appendSpends(accounts, List.of(
                new Spend("C2", "D2", "JPY", LocalDate.parse("2026-05-11"), new BigDecimal("5"), "Claim C2"),
                new Spend("C1", "D1", "EUR", LocalDate.parse("2026-05-10"), new BigDecimal("100.00"), "Claim C1")), 2L);
        assertThat(existing.existing()).containsExactly("SPEND:C1");
        assertThat(existing.written()).isZero();

        Books.markClosed(jdbc, "2026-Q2");
        PostingWriter.Outcome refused = writer.appendSpends(accounts, List.of(
                new Spend("C2", "D2", "JPY", LocalDate.parse("2026-05-11"), new BigDecimal("5"), "Claim C2")), 3L);
        assertThat(refused.refusal()).map(PostingWriter.Refusal::closedQuarter).contains("2026-Q2");
        assertThat(refused.written()).isZero();
        assertThat(entries(jdbc)).isEqualTo(before);
    }

    /** The entries and every field of them, as a test expects them. */
    private record Written(List<String> entries, List<String> fields) {
    }

    /**
     * A batch the database built from its own arrays: written whole, the ledger sound, and the same entries and
     * fields, in the same id order, as {@code append} writes for {@code postings} on the same empty books.
     */
    private Written sameAsAppend(PostingWriter.Outcome outcome, List<Posting> postings, long jobExecutionId) {
        assertThat(outcome.written()).isEqualTo(postings.size());
        assertThat(outcome.existing()).isEmpty();
        Written built = new Written(entries(jdbc), everyField());
        assertLedgerSound(jdbc);

        books(); // again: empty books, the same distributors
        writer.append(postings, jobExecutionId);

        assertThat(built.entries()).isEqualTo(entries(jdbc));
        assertThat(built.fields()).isEqualTo(everyField());
        return built;
    }

    /** Each entry in id order with what {@code entries} leaves out: distributor, period, description, job, lines. */
    private List<String> everyField() {
        return jdbc.queryForList("""
                SELECT e.idempotency_key || '|' || e.distributor_code || '|' || e.period || '|' || e.description
                       || '|' || e.job_execution_id || '|'
                       || (SELECT string_agg(l.line_no || ':' || l.account || ':' || coalesce(l.distributor_code, '')
                                             || ':' || l.debit || ':' || l.credit || ':' || l.effective_date
                                             || ':' || l.currency, ' ' ORDER BY l.line_no)
                             FROM ledger_line l WHERE l.entry_id = e.id)
                  FROM ledger_entry e ORDER BY e.id""", String.class).stream()
                .map(row -> row.replaceAll(":2026-04-01:(EUR|JPY)", "")).toList();
    }

    private Posting accrual(String distributor, String currency, String amount) {
        return Posting.accrual(accounts, distributor, currency, Q1, new BigDecimal(amount));
    }

    private Posting spend(String claim, String distributor, String date, String amount) {
        return Posting.spend(accounts, distributor, "EUR", claim, LocalDate.parse(date), new BigDecimal(amount),
                "Claim " + claim);
    }
}
