package io.periodclose.cli;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The import command as an operator runs it: exit codes, summaries, and restart after a failure. */
@DatabaseTest
class ImportCommandTest {

    static final String HEADER = "document_no,line_no,document_type,document_date,distributor_code,product_code,"
            + "product_line,quantity,net_amount,currency\n";

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void distributors() throws Exception {
        Books.wipe(jdbc);
        Path distributors = dir.resolve("distributors.csv");
        Files.writeString(distributors, "code,name,tier,currency,email,region\nD1,Альфа,GOLD,EUR,a@alfa.de,DE\n");
        assertThat(cli("import", "distributors", distributors.toString()).exitCode()).isZero();
    }

    @Test
    void printsASummaryWhoseCountsAddUp() throws Exception {
        Path sales = dir.resolve("sales.csv");
        Files.writeString(sales, HEADER
                + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,100.00,EUR\n"
                + "INV1,2,INVOICE,2026-01-15,D2,P1,PRINTERS,2,100.00,EUR\n");

        CommandLineRun run = cli("import", "sales", sales.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 2, accepted 1, rejected 1, unchanged 0")
                .contains(dir.resolve("sales.rejects.csv").toString());
    }

    @Test
    void importsPaymentsOfTheInvoicesImportedBefore() throws Exception {
        Path sales = dir.resolve("sales.csv");
        Files.writeString(sales, HEADER.replace("currency\n", "currency,due_date\n")
                + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,2,100.00,EUR,2026-02-14\n");
        assertThat(cli("import", "sales", sales.toString()).exitCode()).isZero();
        Path payments = dir.resolve("payments.csv");
        Files.writeString(payments, "payment_id,distributor_code,document_no,paid_date,amount,currency\n"
                + "PAY/1,D1,INV1,2026-01-30,60.00,EUR\n"
                + "PAY/2,D1,INV2,2026-01-30,60.00,EUR\n");

        CommandLineRun run = cli("import", "payments", payments.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 2, accepted 1, rejected 1, unchanged 0")
                .contains(dir.resolve("payments.rejects.csv").toString());
        assertThat(jdbc.queryForObject("SELECT amount FROM payment WHERE payment_id = 'PAY/1'", java.math.BigDecimal.class))
                .isEqualByComparingTo("60.00");
    }

    @Test
    void aBinaryFileExitsWithTwoAndImportsNothing() throws Exception {
        Path binary = dir.resolve("sales.csv");
        Files.write(binary, new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});

        CommandLineRun run = cli("import", "sales", binary.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("is not a CSV text file");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isZero();
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(cli("import", "invoices", "x.csv").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli("import", "sales", dir.resolve("missing.csv").toString()).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli("no-such-command").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli("jobs", "show", "424242").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void aFailedImportPrintsItsRestartCommandAndTheRestartFinishesWithEveryRowOnce() throws Exception {
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            content.append("INV").append(i).append(",1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,").append(i).append(".00,EUR\n");
        }
        content.append("INV2,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,99.00,EUR\n");
        Path sales = dir.resolve("sales.csv");
        Files.writeString(sales, content);
        // The database refuses INV7 for now: the chunk holding it fails, as a lost connection would fail it.
        jdbc.execute("""
                CREATE FUNCTION refuse_inv7() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.document_no = 'INV7' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER refuse_inv7 BEFORE INSERT ON sales_line FOR EACH ROW EXECUTE FUNCTION refuse_inv7()");
        CommandLineRun failed;
        System.setProperty("period-close.import-chunk-size", "3");
        try {
            failed = cli("import", "sales", sales.toString());
        } finally {
            System.clearProperty("period-close.import-chunk-size");
            jdbc.execute("DROP TRIGGER refuse_inv7 ON sales_line");
            jdbc.execute("DROP FUNCTION refuse_inv7()");
        }

        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(failed.err()).as("the cause, not only the status").containsPattern("import FAILED \\(execution \\d+\\): .*injected failure");
        Matcher restart = Pattern.compile("restart: .* jobs restart (\\d+)").matcher(failed.err());
        assertThat(restart.find()).as(failed.err()).isTrue();
        // chunks of three: lines 2-4 and 5-7 committed before the chunk with INV7 failed
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(6);

        CommandLineRun restarted = cli("jobs", "restart", restart.group(1));

        assertThat(restarted.exitCode()).as(restarted.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(10);
        assertThat(jdbc.queryForMap("SELECT read_count, accepted_count, rejected_count, unchanged_count FROM import_run"
                + " WHERE kind = 'SALES'")).containsEntry("read_count", 11L).containsEntry("accepted_count", 10L)
                .containsEntry("rejected_count", 1L).containsEntry("unchanged_count", 0L);
        assertThat(Files.readString(dir.resolve("sales.rejects.csv"))).contains("12,conflicts with an already imported row");
    }

    @Test
    void listsExecutionsAsCsvForScripts() {
        CommandLineRun run = cli("jobs", "list", "--format", "csv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).first().isEqualTo("execution_id,job,period,status,started,ended,exit_code");
        assertThat(run.out().lines().skip(1).toList()).singleElement().asString().matches("\\d+,import,,COMPLETED,.*,COMPLETED");
    }

    private CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--out";
        full[1] = dir.resolve("out").toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }
}
