package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import payments} (SPEC §2, §8.3), against sales lines imported first. Tests run with chunks of 3 rows. */
@DatabaseTest
class PaymentImportTest {

    static final String HEADER = "payment_id,distributor_code,document_no,paid_date,amount,currency\n";

    /** An invoice of D1 in two lines (1500.00 RUB), one of D2, a credit note of D1, an invoice of D3 in yen. */
    static final String SALES = """
            document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency,due_date
            INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,1000.00,RUB,2026-02-14
            INV1,2,INVOICE,2026-01-15,D1,P2,LAPTOPS,1,500.00,RUB,2026-02-14
            INV2,1,INVOICE,2026-02-01,D2,P1,PRINTERS,1,300.00,EUR,2026-03-03
            CN1,1,CREDIT_NOTE,2026-02-10,D1,P1,PRINTERS,1,100.00,RUB,
            INV3,1,INVOICE,2026-03-20,D3,P1,PRINTERS,1,5000,JPY,
            """;

    static final String PAYMENTS = HEADER + """
            PAY/2026/1,D1,INV1,2026-01-30,600.00,RUB
            PAY/2026/2,D1,INV1,2026-02-20,900.00,RUB
            PAY/2026/3,D1,CN1,2026-02-20,100.00,RUB
            PAY/2026/4,D1,INV2,2026-02-20,300.00,RUB
            PAY/2026/5,D1,INV9,2026-02-20,10.00,RUB
            PAY/2026/6,D1,INV1,2026-02-20,10.00,EUR
            PAY/2026/7,D1,INV1,2026-02-20,0.00,RUB
            PAY/2026/8,D1,INV1,2026-02-20,-5.00,RUB
            PAY/2026/9,D3,INV3,2026-04-02,5000.5,JPY
            PAY/2026/10,D9,INV1,2026-02-20,10.00,RUB
            PAY/2026/11,D1,INV1,2026-02-30,10.00,RUB
            PAY/2026/12,D3,INV3,2026-04-02,5000,JPY
            """;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    JobRepository jobRepository;

    @TempDir
    Path dir;

    @BeforeEach
    void distributorsAndSales() throws Exception {
        Books.wipe(jdbc);
        run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                D1,Альфа,GOLD,RUB,a@alfa.ru,RU
                D2,Beta GmbH,SILVER,EUR,b@beta.de,DE
                D3,Nippon KK,PLATINUM,JPY,n@nippon.jp,JP
                """);
        assertThat(run(ImportKind.SALES, "sales.csv", SALES).accepted()).isEqualTo(5);
    }

    @Test
    void acceptsPaymentsOfInvoicesAndRejectsEveryOtherRowWithItsLineAndReason() throws Exception {
        ImportSummary summary = run(ImportKind.PAYMENTS, "payments.csv", PAYMENTS);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(4L, "document CN1 is a credit note, not an invoice"),
                Map.entry(5L, "document INV2 is an invoice of D2, not of D1"),
                Map.entry(6L, "unknown document INV9 (no sales line has this document_no)"),
                Map.entry(7L, "currency EUR differs from the distributor's RUB"),
                Map.entry(8L, "amount must be more than 0: 0.00"),
                Map.entry(9L, "negative amount in amount: -5.00"),
                Map.entry(10L, "amount 5000.5 has more decimals than JPY allows (0)"),
                Map.entry(11L, "unknown distributor D9"),
                Map.entry(12L, "bad date in paid_date: '2026-02-30' (Invalid date 'FEBRUARY 30')"));
        assertThat(summary.read()).isEqualTo(12);
        assertThat(summary.accepted()).isEqualTo(3);
        assertThat(summary.rejected()).isEqualTo(9);
        assertThat(summary.unchanged()).isZero();
        // two partial payments of INV1, 600.00 + 900.00, and the yen invoice paid whole
        assertThat(jdbc.queryForList("SELECT payment_id || ' ' || distributor_code || ' ' || document_no || ' '"
                + " || paid_date || ' ' || amount || ' ' || currency || ' line ' || source_line FROM payment"
                + " ORDER BY source_line", String.class)).containsExactly(
                "PAY/2026/1 D1 INV1 2026-01-30 600.0000 RUB line 2",
                "PAY/2026/2 D1 INV1 2026-02-20 900.0000 RUB line 3",
                "PAY/2026/12 D3 INV3 2026-04-02 5000.0000 JPY line 13");
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM payment WHERE document_no = 'INV1'", BigDecimal.class))
                .isEqualByComparingTo("1500.00");
        assertThat(Files.readString(dir.resolve("payments.rejects.csv"))).startsWith("""
                line,reason,record
                4,"document CN1 is a credit note, not an invoice","PAY/2026/3,D1,CN1,2026-02-20,100.00,RUB"
                """);
    }

    @Test
    void importingTheSameFileAgainChangesNothing() throws Exception {
        run(ImportKind.PAYMENTS, "payments.csv", PAYMENTS);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM payment ORDER BY payment_id");

        ImportSummary again = run(ImportKind.PAYMENTS, "payments.csv", PAYMENTS);

        assertThat(again.read()).isEqualTo(12);
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.accepted()).isZero();
        assertThat(again.rejected()).isEqualTo(9);
        assertThat(jdbc.queryForList("SELECT * FROM payment ORDER BY payment_id")).isEqualTo(before);
    }

    @Test
    void aPaymentWithOtherContentUnderItsIdConflictsAndIsNeverOverwritten() throws Exception {
        run(ImportKind.PAYMENTS, "payments.csv", PAYMENTS);

        ImportSummary corrected = run(ImportKind.PAYMENTS, "corrected.csv", HEADER + """
                PAY/2026/1,D1,INV1,2026-01-30,601.00,RUB
                PAY/2026/2,D1,INV1,2026-02-20,900,RUB
                PAY/2026/20,D1,INV1,2026-03-01,1.00,RUB
                PAY/2026/20,D1,INV1,2026-03-01,1.00,RUB
                PAY/2026/20,D1,INV1,2026-03-02,1.00,RUB
                """);

        assertThat(corrected.accepted()).isEqualTo(1);
        assertThat(corrected.unchanged()).isEqualTo(2);
        assertThat(rejects(corrected)).containsExactly(
                Map.entry(2L, "conflicts with an already imported row (" + dir.resolve("payments.csv") + " line 2)"),
                Map.entry(6L, "conflicts with an already imported row (" + dir.resolve("corrected.csv") + " line 4)"));
        assertThat(jdbc.queryForObject("SELECT amount FROM payment WHERE payment_id = 'PAY/2026/1'", BigDecimal.class))
                .isEqualByComparingTo("600.00");
        assertThat(jdbc.queryForObject("SELECT paid_date::text FROM payment WHERE payment_id = 'PAY/2026/20'",
                String.class)).isEqualTo("2026-03-01");
    }

    @Test
    void aPaymentDatedInAClosedQuarterIsAcceptedForAReClose() throws Exception {
        Books.markClosed(jdbc, "2026-Q1");

        ImportSummary summary = run(ImportKind.PAYMENTS, "late.csv", HEADER + "PAY-LATE,D1,INV1,2026-03-15,1500.00,RUB\n");

        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(rejects(summary)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT paid_date::text FROM payment WHERE payment_id = 'PAY-LATE'",
                String.class)).isEqualTo("2026-03-15");
    }

    @Test
    void aDocumentIsAnInvoiceOnlyWhenAllItsLinesAreAndPaysForAnyOfItsDistributors() throws Exception {
        run(ImportKind.SALES, "odd.csv", """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                MIX1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB
                MIX1,2,CREDIT_NOTE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB
                TWO1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,100.00,RUB
                TWO1,2,INVOICE,2026-01-15,D2,P1,PRINTERS,1,100.00,EUR
                """);

        ImportSummary summary = run(ImportKind.PAYMENTS, "payments.csv", HEADER + """
                P1,D1,MIX1,2026-01-30,90.00,RUB
                P2,D2,TWO1,2026-01-30,100.00,EUR
                P3,D3,TWO1,2026-01-30,100,JPY
                """);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(2L, "document MIX1 is a credit note, not an invoice"),
                Map.entry(4L, "document TWO1 is an invoice of D1, D2, not of D3"));
        assertThat(jdbc.queryForList("SELECT payment_id FROM payment", String.class)).containsExactly("P2");
    }

    @Test
    void aPaymentIdMayHoldASlashAndFortyCharactersButNoMore() throws Exception {
        String forty = "PAY/" + "9".repeat(36);
        ImportSummary summary = run(ImportKind.PAYMENTS, "ids.csv", HEADER
                + forty + ",D1,INV1,2026-01-30,1.00,RUB\n"
                + forty + "9,D1,INV1,2026-01-30,1.00,RUB\n"
                + "PAY 1,D1,INV1,2026-01-30,1.00,RUB\n"
                + ",D1,INV1,2026-01-30,1.00,RUB\n");

        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(rejects(summary)).containsExactly(
                Map.entry(3L, "payment_id is longer than its limit of 40 characters (41 characters): '" + forty + "9'"),
                Map.entry(4L, "payment_id must not contain spaces: 'PAY 1'"),
                Map.entry(5L, "missing value in payment_id"));
        assertThat(jdbc.queryForList("SELECT payment_id FROM payment", String.class)).containsExactly(forty);
    }

    @Test
    void aFailedPaymentImportRestartsAfterItsLastCommittedChunkAndCountsEveryRowOnce() throws Exception {
        StringBuilder payments = new StringBuilder(HEADER);
        for (int i = 1; i <= 7; i++) {
            payments.append("P").append(i).append(",D1,INV1,2026-02-0").append(i).append(",10.00,RUB\n");
        }
        payments.append("P8,D1,CN1,2026-02-08,10.00,RUB\n");
        // the second chunk (P4 to P6) fails in the database, as if the disk had filled up
        ImportSummary failed = ImportFiles.importFailing(imports, jdbc, ImportKind.PAYMENTS,
                dir.resolve("payments.csv"), payments, "payment", "NEW.payment_id = 'P5'");
        assertThat(failed.read()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment", Long.class)).isEqualTo(3);

        JobExecution restarted = jobOperator.restart(jobRepository.getJobExecution(failed.jobExecutionId()));
        ImportSummary summary = imports.summary(failed.importId(), restarted);

        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.accepted()).isEqualTo(7);
        assertThat(summary.unchanged()).isZero();
        assertThat(rejects(summary)).containsExactly(Map.entry(9L, "document CN1 is a credit note, not an invoice"));
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM payment", BigDecimal.class)).isEqualByComparingTo("70.00");
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        return ImportFiles.rejects(jdbc, summary);
    }
}
