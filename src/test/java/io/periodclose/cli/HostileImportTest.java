package io.periodclose.cli;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that try to sink an import, through {@code import} as an operator runs it: bad rows are rejects, never exit 1. */
@DatabaseTest
class HostileImportTest {

    static final String SALES_HEADER = "document_no,line_no,document_type,document_date,distributor_code,product_code,"
            + "product_line,quantity,net_amount,currency\n";

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void distributors() throws Exception {
        Books.wipe(jdbc);
        Path distributors = dir.resolve("distributors.csv");
        Files.writeString(distributors, "code,name,tier,currency,email,region\nD1,Альфа,GOLD,RUB,a@alfa.ru,RU\n");
        assertThat(cli("import", "distributors", distributors.toString()).exitCode()).isZero();
    }

    @Test
    void aNulAfterTheFirst64KiBAndAYearZeroDateAreRejectsAndTheGoodRowsOfTheirChunksAreKept() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(SALES_HEADER.getBytes(StandardCharsets.UTF_8));
        int lines = 1;
        int rows = 0;
        while (content.size() < 70 * 1024) {
            rows++;
            lines++;
            content.writeBytes(("INV" + rows + ",1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n").getBytes(StandardCharsets.UTF_8));
        }
        long nulLine = ++lines;
        content.writeBytes("INVNUL,1,INVOICE,2026-01-15,D1,P\u0000X,PRINTERS,1,10.00,RUB\n".getBytes(StandardCharsets.UTF_8));
        long yearZeroLine = ++lines;
        content.writeBytes("INV0,1,INVOICE,0000-01-01,D1,P1,PRINTERS,1,10.00,RUB\n".getBytes(StandardCharsets.UTF_8));
        lines++;
        content.writeBytes("INVLAST,1,INVOICE,2026-01-16,D1,P1,PRINTERS,1,10.00,RUB\n".getBytes(StandardCharsets.UTF_8));
        Path sales = dir.resolve("sales.csv");
        Files.write(sales, content.toByteArray());

        CommandLineRun run = cli("import", "sales", sales.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        int good = rows + 1;
        assertThat(run.out()).contains("read " + (good + 2) + ", accepted " + good + ", rejected 2, unchanged 0");
        assertThat(run.err()).doesNotContain("restart");
        assertThat(rejects()).containsOnlyKeys(nulLine, yearZeroLine);
        assertThat(rejects().get(nulLine)).contains("product_code contains a NUL character");
        assertThat(rejects().get(yearZeroLine)).contains("date out of range in document_date: '0000-01-01'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(good);
        assertThat(Files.readString(dir.resolve("sales.rejects.csv"))).contains(nulLine + ",").contains(yearZeroLine + ",");
    }

    @Test
    void aRowTheDatabaseRefusesIsRejectedAloneWithTheDatabasesReason() throws Exception {
        jdbc.execute("""
                CREATE FUNCTION refuse_inv2() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.document_no = 'INV2' THEN
                    RAISE EXCEPTION 'value refused by a rule the import does not know' USING ERRCODE = 'check_violation';
                END IF; RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER refuse_inv2 BEFORE INSERT ON sales_line FOR EACH ROW EXECUTE FUNCTION refuse_inv2()");
        CommandLineRun run;
        try {
            Path sales = dir.resolve("sales.csv");
            Files.writeString(sales, SALES_HEADER
                    + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n"
                    + "INV2,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n"
                    + "INV3,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n");
            run = cli("import", "sales", sales.toString());
        } finally {
            jdbc.execute("DROP TRIGGER refuse_inv2 ON sales_line");
            jdbc.execute("DROP FUNCTION refuse_inv2()");
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 3, accepted 2, rejected 1, unchanged 0");
        assertThat(rejects()).containsOnlyKeys(3L);
        assertThat(rejects().get(3L)).startsWith("the database refused the row: ")
                .contains("value refused by a rule the import does not know");
        assertThat(jdbc.queryForList("SELECT document_no FROM sales_line ORDER BY 1", String.class))
                .containsExactly("INV1", "INV3");
    }

    @Test
    void aTenMegabyteDescriptionIsRejectedWithTheLimitAndTheImportGoesOn() throws Exception {
        Path claims = dir.resolve("claims.csv");
        Files.writeString(claims, "claim_id,distributor_code,claim_date,direction,description,amount,currency\n"
                + "C1,D1,2026-01-10,CATALOGUES,\"" + "описание ".repeat(1_200_000) + "\",100.00,RUB\n"
                + "C2,D1,2026-01-11,CATALOGUES,\"" + "x".repeat(1000) + "\",100.00,RUB\n");

        CommandLineRun run = cli("import", "claims", claims.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 2, accepted 1, rejected 1");
        String reason = rejects().get(2L);
        assertThat(reason).startsWith("description is longer than its limit of 1000 characters (10799999 characters)")
                .hasSizeLessThan(600);
        assertThat(jdbc.queryForObject("SELECT max(char_length(record)) FROM import_reject", Integer.class))
                .isLessThan(2100);
        assertThat(Files.size(dir.resolve("claims.rejects.csv"))).isLessThan(10_000);
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim", String.class)).containsExactly("C2");
    }

    @Test
    void theDatabaseRefusesTextLongerThanTheLimitsToo() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update(
                "UPDATE distributor SET region = repeat('x', 101) WHERE code = 'D1'")))
                .hasMessageContaining("distributor_region_length");
    }

    @Test
    void twoRowsForOneDistributorOrTargetInOneFileConflictNamingTheEarlierLine() throws Exception {
        Path distributors = dir.resolve("more-distributors.csv");
        Files.writeString(distributors, "code,name,tier,currency,email,region\n"
                + "D2,Beta,GOLD,RUB,b@beta.ru,RU\n"
                + "   \n"
                + "D2,Beta,GOLD,RUB,b@beta.ru,RU\n"
                + "D2,Gamma,SILVER,RUB,g@gamma.ru,RU\n");
        CommandLineRun run = cli("import", "distributors", distributors.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 3, accepted 1, rejected 1, unchanged 1");
        assertThat(rejects()).containsExactly(Map.entry(5L, "conflicts with line 2 of this file, which gives"
                + " distributor D2 other values (one row per distributor and file)"));
        assertThat(jdbc.queryForObject("SELECT name FROM distributor WHERE code = 'D2'", String.class)).isEqualTo("Beta");

        Path targets = dir.resolve("targets.csv");
        Files.writeString(targets, "distributor_code,period,target_amount\nD1,2026-Q1,1000\nD1,2026-Q1,1000.00\nD1,2026-Q1,2000\n");
        run = cli("import", "targets", targets.toString());
        assertThat(run.out()).contains("read 3, accepted 1, rejected 1, unchanged 1");
        assertThat(jdbc.queryForObject("SELECT target_amount FROM target", java.math.BigDecimal.class))
                .isEqualByComparingTo("1000");
    }

    @Test
    void aConflictingClaimNamesTheFileAndLineOfTheEarlierRow() throws Exception {
        String header = "claim_id,distributor_code,claim_date,direction,description,amount,currency\n";
        Path first = dir.resolve("claims.csv");
        Files.writeString(first, header + "C1,D1,2026-01-10,CATALOGUES,a,100.00,RUB\n");
        assertThat(cli("import", "claims", first.toString()).exitCode()).isZero();
        Path second = dir.resolve("claims-2.csv");
        Files.writeString(second, header + "C2,D1,2026-01-10,CATALOGUES,b,5.00,RUB\nC2,D1,2026-01-10,CATALOGUES,b,6.00,RUB\n"
                + "C1,D1,2026-01-10,CATALOGUES,a,200.00,RUB\n");

        assertThat(cli("import", "claims", second.toString()).exitCode()).isZero();

        assertThat(rejects()).containsExactly(
                Map.entry(3L, "conflicts with an already imported row (" + second.toAbsolutePath() + " line 2)"),
                Map.entry(4L, "conflicts with an already imported row (" + first.toAbsolutePath() + " line 2)"));
    }

    @Test
    void aWindows1251FileFrom1CWithSemicolonsAndDecimalCommasImports() throws Exception {
        Charset cp1251 = Charset.forName("windows-1251");
        Path distributors = dir.resolve("1c-distributors.csv");
        Files.write(distributors, ("code;name;tier;currency;email;region\r\n"
                + "Д-77;ООО \"Ромашка\";GOLD;RUB;info@romashka.ru;Тверь\r\n").getBytes(cp1251));
        Path sales = dir.resolve("1c-sales.csv");
        Files.write(sales, (SALES_HEADER.replace(',', ';')
                + "РН-1;1;INVOICE;2026-01-15;Д-77;П1;ПРИНТЕРЫ;2;1234,50;RUB\r\n"
                + "РН-1;2;INVOICE;2026-01-15;Д-77;П1;ПРИНТЕРЫ;1;1.234,50;RUB\r\n").getBytes(cp1251));

        CommandLineRun asUtf8 = cli("import", "distributors", distributors.toString());
        assertThat(asUtf8.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(asUtf8.err()).contains("is not UTF-8 text").contains("--encoding windows-1251");
        CommandLineRun oneColumn = cli("import", "distributors", distributors.toString(), "--encoding", "windows-1251");
        assertThat(oneColumn.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(oneColumn.err()).contains("has one column only").contains("--delimiter ';'");

        CommandLineRun master = cli("import", "distributors", distributors.toString(), "--encoding", "windows-1251",
                "--delimiter", ";");
        CommandLineRun run = cli("import", "sales", sales.toString(), "--encoding", "windows-1251", "--delimiter", ";",
                "--decimal-comma");

        assertThat(master.exitCode()).as(master.err()).isEqualTo(ExitCode.DONE);
        assertThat(jdbc.queryForMap("SELECT name, region FROM distributor WHERE code = 'Д-77'"))
                .containsEntry("name", "ООО \"Ромашка\"").containsEntry("region", "Тверь");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 2, accepted 1, rejected 1");
        assertThat(jdbc.queryForObject("SELECT net_amount FROM sales_line WHERE product_line = 'ПРИНТЕРЫ'",
                java.math.BigDecimal.class)).isEqualByComparingTo("1234.50");
        assertThat(rejects().get(3L)).contains("bad number in net_amount: '1.234,50'").contains("--decimal-comma");
    }

    @Test
    void aHomeThatIsAFileAndADirectoryToImportExitWithTwoAndTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("home.txt"), "x");
        CommandLineRun home = CommandLineRun.of("--home", file.toString(), "jobs", "list");
        assertThat(home.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.err()).contains("--home " + file + " is a file, not a directory");

        CommandLineRun directory = cli("import", "sales", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(directory.err()).contains("is a directory");
    }

    /** The rejects of the latest import. */
    private Map<Long, String> rejects() {
        Map<Long, String> rejects = new LinkedHashMap<>();
        jdbc.query("SELECT line_no, reason FROM import_reject WHERE import_id = (SELECT max(id) FROM import_run)"
                + " ORDER BY line_no", rs -> {
            rejects.put(rs.getLong(1), rs.getString(2));
        });
        return rejects;
    }

    private CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--out";
        full[1] = dir.resolve("out").toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return CommandLineRun.of(full);
    }
}
