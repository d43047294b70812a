package io.periodclose.statement;

import io.periodclose.expiry.ExpiryService;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.balance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statements the close and the year-end write: their figures are the ledger's, their files are whole. */
@DatabaseTest
class StatementsJobTest {

    static final Path OUT = Path.of("target/test-out/statements");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;
    @Autowired
    ExpiryService expiries;
    @Autowired
    JobRuns jobRuns;
    @Autowired
    CloseRuns closeRuns;
    @Autowired
    StatementSource source;

    Fixtures books;

    @BeforeEach
    void books() throws IOException {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(OUT);
        books = new Fixtures(jdbc)
                .distributor("D1", "GOLD", "EUR")
                .distributor("D3", "BRONZE", "EUR")
                .distributor("D9", "SILVER", "JPY")
                .invoice("D1", "2026-02-10", "LAPTOPS", "10000.00", "EUR")
                .invoice("D3", "2026-03-05", "LAPTOPS", "7999.99", "EUR")
                .target("D3", "2026-Q1", "10000.00")
                .invoice("D9", "2026-03-05", "MONITORS", "123457", "JPY");
    }

    @Test
    void quarterStatementsShowTheLedgersFiguresAndTheManifestMatchesTheFiles() throws Exception {
        close("2026-Q1", "2026-04-02");
        books.claim("C1", "D1", "2026-04-01", "CATALOGUES", "100.00", "EUR")
                .claim("C2", "D1", "2026-04-15", "BOOKLETS", "200.00", "EUR")
                .claim("C3", "D1", "2026-05-01", "SAMPLES", "500.00", "EUR");
        close("2026-Q2", "2026-07-02");

        // D1: Q1 bonus 1.5 % of 10,000.00 = 150.00 credited on 1 April; C1 takes 100.00 (catalogues: 100 %),
        // C2 asks 100.00 of which 50.00 is left; C3 finds nothing left
        Pdf d1 = Pdf.read(Files.readAllBytes(OUT.resolve("2026-Q2/D1.pdf")));
        assertThat(d1.flat()).contains("ООО «D1»", "QS-2026-Q2-D1", "Входящий остаток на 01.04.2026 0,00",
                        "Начисление бонуса за 1 кв. 2026 +150,00", "-100,00", "-50,00",
                        "Исходящий остаток на 30.06.2026 0,00", "Страница 1 из 1")
                .contains(jdbc.queryForObject("SELECT program_sha256 FROM close_run WHERE period = '2026-Q2'",
                        String.class));
        assertThat(d1.fontsEmbedded()).isNotEmpty().doesNotContainValue(false);
        assertThat(balance(jdbc, "D1", "2026-06-30")).isEqualByComparingTo("0.00");

        List<String> manifest = Files.readAllLines(OUT.resolve("2026-Q2/manifest.csv"));
        assertThat(manifest).first().isEqualTo("code,file,sha256,closing_balance");
        assertThat(manifest).hasSize(4);
        for (String line : manifest.subList(1, manifest.size())) {
            String[] fields = line.split(",");
            assertThat(StatementFiles.sha256(Files.readAllBytes(OUT.resolve("2026-Q2").resolve(fields[1]))))
                    .as(fields[1]).isEqualTo(fields[2]);
            assertThat(fields[3]).isEqualTo(jdbc.queryForObject("""
                    SELECT CASE WHEN d.currency = 'JPY' THEN round(coalesce(sum(l.credit - l.debit), 0))::text
                                ELSE round(coalesce(sum(l.credit - l.debit), 0), 2)::text END
                      FROM distributor d LEFT JOIN ledger_line l ON l.distributor_code = d.code AND l.account = '2390'
                                                               AND l.effective_date <= '2026-06-30'
                     WHERE d.code = ? GROUP BY d.currency""", String.class, fields[0]));
        }
        assertThat(Pdf.read(Files.readAllBytes(OUT.resolve("2026-Q2/D9.pdf"))).flat())
                .contains("Входящий остаток на 01.04.2026 0", "+1 235");  // SILVER 1 % of 123,457 JPY: no decimals
        assertThat(OUT.resolve("2026-Q2").toFile().list((dir, name) -> name.endsWith(".partial"))).isEmpty();
    }

    @Test
    void theSameBooksClosedOnTheSameDateGiveByteIdenticalStatements() throws Exception {
        close("2026-Q1", "2026-04-02");
        Path first = OUT.resolveSibling("statements-first-close");
        FileSystemUtils.deleteRecursively(first);
        FileSystemUtils.copyRecursively(OUT, first);

        // fresh books (identities restarted as well), the same rows, the same close, seconds later
        Thread.sleep(1100);
        books();
        close("2026-Q1", "2026-04-02");

        for (String file : List.of("D1.pdf", "D3.pdf", "D9.pdf", "manifest.csv")) {
            assertThat(Files.readAllBytes(OUT.resolve("2026-Q1").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve("2026-Q1").resolve(file)));
        }
    }

    @Test
    void aReclosesStatementsAreNewVersionsAndNegativeBalancesAndExpiryShow() throws Exception {
        close("2026-Q1", "2026-04-02");
        close("2026-Q2", "2026-07-02");
        books.invoice("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");  // D3 reaches the 80 % rung: +160.00
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-07-05"), true));
        books.claim("C7", "D3", "2026-07-10", "CATALOGUES", "320.00", "EUR");
        close("2026-Q3", "2026-10-02");
        books.creditNote("D3", "2026-03-31", "LAPTOPS", "0.01", "EUR");  // and falls back: −160.00
        completed(closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-10-05"), true));
        close("2026-Q4", "2027-01-02");
        completed(expiries.expire(2026));

        assertThat(OUT.resolve("2026-Q1")).isDirectoryContaining(p -> p.getFileName().toString().equals("D3.pdf"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("D3.r1.pdf"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("D3.r2.pdf"));
        assertThat(Files.readAllLines(OUT.resolve("2026-Q1/manifest.csv"))).contains(
                "D3,D3.r2.pdf," + StatementFiles.sha256(Files.readAllBytes(OUT.resolve("2026-Q1/D3.r2.pdf")))
                        + ",0.00");
        assertThat(Pdf.read(Files.readAllBytes(OUT.resolve("2026-Q1/D3.r1.pdf"))).flat())
                .contains("QS-2026-Q1-D3-R1", "8 000,00");

        // Q4: D3 starts at 0.00 (40 + 160 − 200 covered by C7) and the re-close takes 160.00 back on 5 October
        assertThat(balance(jdbc, "D3", "2026-12-31")).isEqualByComparingTo("-160.00");
        assertThat(Pdf.read(Files.readAllBytes(OUT.resolve("2026-Q4/D3.pdf"))).flat())
                .contains("05.10.2026", "-160,00", "Исходящий остаток на 31.12.2026 -160,00");

        // the annual statement: D1's 150.00 of Q1 expires; D3's negative balance is carried
        assertThat(Pdf.read(Files.readAllBytes(OUT.resolve("2026/D1.pdf"))).flat()).contains("AS-2026-D1", "150,00");
        assertThat(Files.readAllLines(OUT.resolve("2026/manifest.csv")))
                .contains("D1,D1.pdf," + StatementFiles.sha256(Files.readAllBytes(OUT.resolve("2026/D1.pdf"))) + ",0.00")
                .anyMatch(line -> line.startsWith("D3,D3.pdf,") && line.endsWith(",-160.00"));
    }

    @Test
    void aRestartWritesOnlyTheStatementsThatAreMissing() throws Exception {
        jdbc.execute("""
                CREATE FUNCTION refuse_d9() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.distributor_code = 'D9' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER refuse_d9 BEFORE INSERT ON statement FOR EACH ROW EXECUTE FUNCTION refuse_d9()");
        JobExecution failed = closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false);
        jdbc.execute("DROP TRIGGER refuse_d9 ON statement");
        jdbc.execute("DROP FUNCTION refuse_d9()");
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList("SELECT distributor_code FROM statement ORDER BY 1", String.class))
                .containsExactly("D1", "D3");
        long d1Written = Files.getLastModifiedTime(OUT.resolve("2026-Q1/D1.pdf")).toMillis();

        JobExecution restarted = jobRuns.restart(failed.getId());

        completed(restarted);
        assertThat(jdbc.queryForList("SELECT distributor_code || ' ' || (job_execution_id = ?) FROM statement ORDER BY 1",
                String.class, restarted.getId())).containsExactly("D1 false", "D3 false", "D9 true");
        assertThat(Files.getLastModifiedTime(OUT.resolve("2026-Q1/D1.pdf")).toMillis()).isEqualTo(d1Written);
        assertThat(Files.readAllLines(OUT.resolve("2026-Q1/manifest.csv"))).hasSize(4);
    }

    @Test
    void aRefusedStatementIsRecordedAndTheOthersOfItsChunkAreWritten() throws Exception {
        books.distributor("D5", "GOLD", "EUR").invoice("D5", "2026-02-11", "LAPTOPS", "5000.00", "EUR");
        jdbc.update("UPDATE distributor SET name = 'ООО «漢字»' WHERE code = 'D5'");  // DejaVu Sans has no CJK glyphs

        JobExecution execution = closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false);
        completed(execution);
        // the close is done, but does not look fully successful: its exit code and description name the refusal
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(RefusedStatements.EXIT_CODE);
        assertThat(execution.getExitStatus().getExitDescription()).contains("2026-Q1", "D5")
                .doesNotContain("D1", "D3", "D9");
        assertThat(RefusedStatements.in(execution)).isPresent();
        assertThat(Files.readString(OUT.resolve("2026-Q1/manifest.csv"))).contains("D1,").doesNotContain("D5");

        assertThat(jdbc.queryForList("SELECT distributor_code || ' ' || coalesce(file, 'no file: ' || problem)"
                + " FROM statement ORDER BY 1", String.class))
                .hasSize(4).contains("D1 D1.pdf", "D3 D3.pdf", "D9 D9.pdf")
                .anySatisfy(row -> assertThat(row).startsWith("D5 no file: QS-2026-Q1-D5: ").contains("漢"));
        assertThat(OUT.resolve("2026-Q1/D5.pdf")).doesNotExist();
    }

    @Test
    void statementsReadTogetherAreRefusedOneByOne() {
        close("2026-Q1", "2026-04-02");
        books.claim("C1", "D1", "2026-04-01", "CATALOGUES", "100.00", "EUR");
        close("2026-Q2", "2026-07-02");
        CloseRun q2 = closeRuns.find(Quarter.parse("2026-Q2"), 0).orElseThrow();
        // the settlement no longer matches the ledger's SPEND: D1's statement must not be issued
        jdbc.update("UPDATE claim_settlement SET covered = covered - 1 WHERE claim_id = 'C1'");

        List<SourcedStatement<QuarterStatement>> read = source.quarters(q2, List.of("D1", "D3", "D9"));

        assertThat(read).extracting(SourcedStatement::distributor).containsExactly("D1", "D3", "D9");
        assertThat(read.get(0).statement()).isNull();
        assertThat(read.get(0).refusal()).isInstanceOf(IllegalArgumentException.class);
        assertThat(read.subList(1, 3)).allSatisfy(sourced -> assertThat(sourced.refusal()).isNull());
        assertThat(read.get(1).statement().closingBalance()).isEqualByComparingTo(balance(jdbc, "D3", "2026-06-30"));
        assertThat(read.get(1).statement()).isEqualTo(source.quarter(q2, "D3"));
        assertThatThrownBy(() -> source.quarter(q2, "D1")).isInstanceOf(IllegalArgumentException.class);
    }

    private void close(String period, String asOf) {
        completed(closes.close(Quarter.parse(period), LocalDate.parse(asOf), false));
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
