package io.periodclose.period;

import io.periodclose.reporting.CsvReports;
import io.periodclose.statement.Pdf;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §8.3 and §8.4 in a real close on PostgreSQL, every figure worked out by hand. The 2027 test programme
 * (src/test/resources/programs/2027.yml) is the SPEC's example ladder (tiers 0.5/1/1.5/2 %, attainment 80→2 %,
 * 100→5 %, growth 10→0.5 %, 25→1 %, cap 5 %) with early payment (10 days, 0.5 %) and top performers (min growth
 * 10 %, places 1 %, 0.5 %, 0.25 %).
 */
@DatabaseTest
class ProgrammeRulesCloseTest {

    private static final Path STATEMENTS = Path.of("target/test-out/statements/2027-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    CsvReports reports;

    Fixtures books;

    @BeforeEach
    void lastYearClosed() {
        Books.wipe(jdbc);
        books = new Fixtures(jdbc)
                .distributor("A1", "GOLD", "EUR")
                .distributor("A2", "GOLD", "EUR")
                .distributor("A3", "GOLD", "EUR")
                .distributor("A4", "GOLD", "EUR")
                .distributor("A5", "GOLD", "EUR")
                .distributor("B1", "SILVER", "EUR")
                .distributor("C1", "PLATINUM", "EUR");
        for (String code : new String[] {"A1", "A2", "A3", "A4", "A5", "C1"}) {
            books.invoice(code, "2026-02-10", "LAPTOPS", "10000.00", "EUR");
        }
        books.invoice("B1", "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        close("2026-Q1", "2026-04-05", false);

        books.invoice("INV-A1", "A1", "2027-02-01", "12000.00", "EUR", "2027-03-31")
                .payment("P1", "A1", "INV-A1", "2027-03-21", "5000.00", "EUR")   // exactly 10 days early: counts
                .payment("P2", "A1", "INV-A1", "2027-03-22", "7000.00", "EUR")   // 9 days early: does not
                .invoice("INV-A2", "A2", "2027-02-01", "12000.00", "EUR", "2027-03-31")
                .invoice("A3", "2027-02-01", "LAPTOPS", "15000.00", "EUR")
                .invoice("A4", "2027-02-01", "LAPTOPS", "11000.00", "EUR")
                .invoice("A5", "2027-02-01", "LAPTOPS", "10999.00", "EUR")
                .invoice("INV-B1", "B1", "2027-03-30", "2000.00", "EUR", "2027-05-30")
                .payment("P6", "B1", "INV-B1", "2027-04-05", "2000.00", "EUR")   // early, but paid in Q2
                .invoice("INV-C1", "C1", "2027-01-01", "20000.00", "EUR", "2027-01-11")
                // exactly 10 days early, on the quarter's first day: the earliest due date that can count
                .payment("P7", "C1", "INV-C1", "2027-01-01", "20000.00", "EUR")
                .target("C1", "2027-Q1", "25000.00");
    }

    @Test
    void paysEarlyPaymentsAndTopPerformersWithinTheCap() throws IOException {
        close("2027-Q1", "2027-04-05", false);

        // GOLD ranks by growth: A3 50 % (1st), A1 and A2 20 % each (the tie goes to A1 by code), A4 exactly 10 %
        // (4th, the programme pays 3 places); A5's 9.99 % misses min-growth 10. B1 is SILVER's only one: 1st of 1.
        // A1: base 1.5 % of 12,000.00 = 180.00; growth rung 10 → 0.5 % = 60.00; early 0.5 % of P1's 5,000.00 = 25.00;
        //     place 2 → 0.5 % = 60.00; 325.00 under the cap of 600.00.
        // A2: 180.00 + 60.00 + place 3 → 0.25 % = 30.00 = 270.00.   A3: 225.00 + 1 % 150.00 + place 1 1 % 150.00.
        // A4: 165.00 + 55.00 (growth exactly 10 % reaches the rung); place 4 earns nothing.
        // A5: 1.5 % of 10,999.00 = 164.985 → 164.99.   B1: 20.00 + growth 100 % → 1 % 20.00 + place 1 → 20.00.
        // C1: base 2 % 400.00, attainment exactly 80 % → 2 % 400.00, growth 100 % → 1 % 200.00 (the ladder alone is
        //     1,000.00, exactly the cap), early 0.5 % of 20,000.00 = 100.00, place 1 of 1 → 200.00: 1,300.00 capped
        //     at 5 % of 20,000.00 = 1,000.00.
        assertThat(rebates()).isEqualTo("""
                distributor_code,currency,turnover,target,base,attainment,growth,promo,early_payment,top_performer,uncapped,total
                A1,EUR,12000.00,,180.00,0.00,60.00,0.00,25.00,60.00,325.00,325.00
                A2,EUR,12000.00,,180.00,0.00,60.00,0.00,0.00,30.00,270.00,270.00
                A3,EUR,15000.00,,225.00,0.00,150.00,0.00,0.00,150.00,525.00,525.00
                A4,EUR,11000.00,,165.00,0.00,55.00,0.00,0.00,0.00,220.00,220.00
                A5,EUR,10999.00,,164.99,0.00,0.00,0.00,0.00,0.00,164.99,164.99
                B1,EUR,2000.00,,20.00,0.00,20.00,0.00,0.00,20.00,60.00,60.00
                C1,EUR,20000.00,25000.00,400.00,400.00,200.00,0.00,100.00,200.00,1300.00,1000.00
                """);
        assertThat(entry(jdbc, "ACCRUAL:C1:2027-Q1")).containsEntry("amount", new BigDecimal("1000.0000"))
                .containsEntry("effective_date", "2027-04-01");
        assertThat(jdbc.queryForList("SELECT distributor_code || ' ' || growth_place || '/' || ranked_in_tier"
                + " FROM turnover WHERE growth_place IS NOT NULL ORDER BY 1", String.class))
                .containsExactly("A1 2/4", "A2 3/4", "A3 1/4", "A4 4/4", "B1 1/1", "C1 1/1");

        String a1 = Pdf.read(Files.readAllBytes(STATEMENTS.resolve("A1.pdf"))).flat();
        assertThat(a1).contains("Досрочная оплата", "Счета, оплаченные не позднее чем за 10 дн. до срока оплаты",
                "Лидер роста", "Место 2 из 4 в GOLD по росту оборота");
        String a4 = Pdf.read(Files.readAllBytes(STATEMENTS.resolve("A4.pdf"))).flat();
        assertThat(a4).contains("Место 4 из 4 в GOLD по росту оборота", "за это место премия не предусмотрена");
        assertLedgerSound(jdbc);
    }

    @Test
    void aLatePaymentIsPickedUpByAReCloseThatPostsOnlyTheDelta() {
        close("2027-Q1", "2027-04-05", false);
        // paid 16 days before its due date, in the closed quarter: accepted, and only a re-close pays for it
        books.payment("P3", "A2", "INV-A2", "2027-03-15", "2000.00", "EUR");

        close("2027-Q1", "2027-04-20", true);

        // A2: 0.5 % of 2,000.00 = 10.00 more; nothing else changed, so nothing else is posted
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'",
                String.class)).containsExactly("ADJUSTMENT:A2:2027-Q1:1");
        assertThat(entry(jdbc, "ADJUSTMENT:A2:2027-Q1:1")).containsEntry("amount", new BigDecimal("10.0000"))
                .containsEntry("effective_date", "2027-04-20");
        assertThat(rebates()).contains("A2,EUR,12000.00,,180.00,0.00,60.00,0.00,10.00,30.00,280.00,280.00");
        assertLedgerSound(jdbc);
    }

    private String rebates() {
        StringBuilder out = new StringBuilder();
        reports.rebates(Quarter.parse("2027-Q1"), out);
        return out.toString();
    }

    private void close(String period, String asOf, boolean reclose) {
        JobExecution execution = closes.close(Quarter.parse(period), LocalDate.parse(asOf), reclose);
        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
