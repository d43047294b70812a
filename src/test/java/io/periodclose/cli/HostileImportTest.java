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
    void aQuoteNeverClosedInAnIgnoredColumnIsOneRejectNotTheRestOfTheFileLost() throws Exception {
        StringBuilder content = new StringBuilder(SALES_HEADER.replace("\n", ",note\r\n"));
        for (int i = 1; i <= 3000; i++) {
            content.append("BIGQ").append(i).append(",1,INVOICE,2026-03-15,D1,P49,L,1,10.00,RUB,")
                    .append(i == 100 ? "\"Special offer" : "").append("\r\n");
        }
        Path sales = dir.resolve("sales.csv");
        Files.writeString(sales, content, StandardCharsets.UTF_8);

        CommandLineRun run = cli("import", "sales", sales.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DONE);
        assertThat(run.out()).contains("read 3000, accepted 2999, rejected 1, unchanged 0");
        assertThat(rejects()).containsExactly(Map.entry(101L, "a quote opened on this line is never closed"));
        assertThat(Files.readString(dir.resolve("sales.rejects.csv")))
                .contains("101,").contains("a quote opened on this line is never closed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sales_line", Long.class)).isEqualTo(2999);
    }

    @Test
    void aHomeThatIsAFileAndADirectoryToImportExitWithTwoAndTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("home.txt"), "x");
        CommandLineRun home = CommandLineRun.of("--home", file.toString(), "jobs", "list");
        assertThat(home.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.err()).contains("--home " + file + " is a file, not a directory");
        CommandLineRun emptyHome = CommandLineRun.of("--home", "", "jobs", "list");
        assertThat(emptyHome.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(emptyHome.err()).contains("--home must name a directory");

        CommandLineRun directory = cli("import", "sales", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(directory.err()).contains("is a directory");

        Path pipe = dir.resolve("sales.fifo");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        CommandLineRun fromPipe = cli("import", "sales", pipe.toString());
        assertThat(fromPipe.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(fromPipe.err()).contains("is not a regular file").doesNotContain("no such file");

        CommandLineRun missing = cli("import", "sales", dir.resolve("nothing.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).contains("no such file");
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
