package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Rows that try to sink an import or slip past its rules: each is rejected alone, with its line and reason. */
@DatabaseTest
class HostileRowsTest {

    static final String SALES_HEADER = "document_no,line_no,document_type,document_date,distributor_code,product_code,"
            + "product_line,quantity,net_amount,currency\n";
    static final String CLAIMS_HEADER = "claim_id,distributor_code,claim_date,direction,description,amount,currency\n";

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void distributors() throws Exception {
        Books.wipe(jdbc);
        run(ImportKind.DISTRIBUTORS, "distributors.csv", "code,name,tier,currency,email,region\nD1,Альфа,GOLD,RUB,a@alfa.ru,RU\n");
    }

    @Test
    void aRowTheDatabaseRefusesIsRejectedAloneWithTheDatabasesReason() throws Exception {
        jdbc.execute("""
                CREATE FUNCTION refuse_inv2() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.document_no = 'INV2' THEN
                    RAISE EXCEPTION 'value refused by a rule the import does not know' USING ERRCODE = 'check_violation';
                END IF; RETURN NEW; END $$""");
        jdbc.execute("CREATE TRIGGER refuse_inv2 BEFORE INSERT ON sales_line FOR EACH ROW EXECUTE FUNCTION refuse_inv2()");
        ImportSummary summary;
        try {
            summary = run(ImportKind.SALES, "sales.csv", SALES_HEADER
                    + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n"
                    + "INV2,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n"
                    + "INV3,1,INVOICE,2026-01-15,D1,P1,PRINTERS,1,10.00,RUB\n");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_inv2 ON sales_line");
            jdbc.execute("DROP FUNCTION refuse_inv2()");
        }

        assertThat(summary.describe()).contains("read 3, accepted 2, rejected 1, unchanged 0");
        assertThat(rejects()).containsOnlyKeys(3L);
        assertThat(rejects().get(3L)).startsWith("the database refused the row: ")
                .contains("value refused by a rule the import does not know");
        assertThat(jdbc.queryForList("SELECT document_no FROM sales_line ORDER BY 1", String.class))
                .containsExactly("INV1", "INV3");
    }

    @Test
    void aTenMegabyteDescriptionIsRejectedWithTheLimitAndTheImportGoesOn() throws Exception {
        ImportSummary summary = run(ImportKind.CLAIMS, "claims.csv", CLAIMS_HEADER
                + "C1,D1,2026-01-10,CATALOGUES,\"" + "описание ".repeat(1_200_000) + "\",100.00,RUB\n"
                + "C2,D1,2026-01-11,CATALOGUES,\"" + "x".repeat(1000) + "\",100.00,RUB\n");

        assertThat(summary.describe()).contains("read 2, accepted 1, rejected 1");
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
        assertThat(catchThrowable(() -> jdbc.update("UPDATE distributor SET region = repeat('x', 101) WHERE code = 'D1'")))
                .hasMessageContaining("distributor_region_length");
        assertThat(catchThrowable(() -> jdbc.update("UPDATE distributor SET name = repeat('я', 201) WHERE code = 'D1'")))
                .hasMessageContaining("distributor_name_length");
    }

    @Test
    void twoRowsForOneDistributorOrTargetInOneFileConflictNamingTheEarlierLine() throws Exception {
        ImportSummary distributors = run(ImportKind.DISTRIBUTORS, "more-distributors.csv",
                "code,name,tier,currency,email,region\n"
                        + "D2,Beta,GOLD,RUB,b@beta.ru,RU\n"
                        + "   \n"
                        + "D2,Beta,GOLD,RUB,b@beta.ru,RU\n"
                        + "D2,Gamma,SILVER,RUB,g@gamma.ru,RU\n");

        assertThat(distributors.describe()).contains("read 3, accepted 1, rejected 1, unchanged 1");
        assertThat(rejects()).containsExactly(Map.entry(5L, "conflicts with line 2 of this file, which gives"
                + " distributor D2 other values (one row per distributor in a file)"));
        assertThat(jdbc.queryForObject("SELECT name FROM distributor WHERE code = 'D2'", String.class)).isEqualTo("Beta");

        ImportSummary targets = run(ImportKind.TARGETS, "targets.csv",
                "distributor_code,period,target_amount\nD1,2026-Q1,1000\nD1,2026-Q1,1000.00\nD1,2026-Q1,2000\n");

        assertThat(targets.describe()).contains("read 3, accepted 1, rejected 1, unchanged 1");
        assertThat(rejects()).containsOnlyKeys(4L);
        assertThat(jdbc.queryForObject("SELECT target_amount FROM target", BigDecimal.class)).isEqualByComparingTo("1000");
    }

    @Test
    void anInFileConflictIsStillFoundWhenARestartSkipsTheEarlierRow() throws Exception {
        Path file = dir.resolve("restarted.csv");
        Files.writeString(file, "code,name,tier,currency,email,region\n"
                + "D2,Beta,GOLD,RUB,b@beta.ru,RU\n"
                + "D3,Gamma,GOLD,RUB,g@gamma.ru,RU\n"
                + "D2,Delta,GOLD,RUB,d@delta.ru,RU\n");
        ExecutionContext committedTwoRows = new ExecutionContext();
        committedTwoRows.putLong(CsvRowReader.RECORDS_READ, 2);
        CheckedRowReader reader = new CheckedRowReader(new CsvRowReader(file, ImportKind.DISTRIBUTORS),
                ImportKind.DISTRIBUTORS, jdbc, 10, UnaryOperator.identity());
        try {
            reader.open(committedTwoRows);
            ImportItem resumed = reader.read();

            assertThat(resumed.row().line()).isEqualTo(4);
            assertThat(resumed.rejection()).startsWith("conflicts with line 2 of this file");
            assertThat(reader.read()).isNull();
        } finally {
            reader.close();
        }
    }

    @Test
    void aConflictingClaimNamesTheFileAndLineOfTheEarlierRow() throws Exception {
        run(ImportKind.CLAIMS, "claims.csv", CLAIMS_HEADER + "C1,D1,2026-01-10,CATALOGUES,a,100.00,RUB\n");

        run(ImportKind.CLAIMS, "claims-2.csv", CLAIMS_HEADER
                + "C2,D1,2026-01-10,CATALOGUES,b,5.00,RUB\n"
                + "C2,D1,2026-01-10,CATALOGUES,b,6.00,RUB\n"
                + "C1,D1,2026-01-10,CATALOGUES,a,200.00,RUB\n");

        assertThat(rejects()).containsExactly(
                Map.entry(3L, "conflicts with an already imported row (" + dir.resolve("claims-2.csv").toAbsolutePath() + " line 2)"),
                Map.entry(4L, "conflicts with an already imported row (" + dir.resolve("claims.csv").toAbsolutePath() + " line 2)"));
    }

    @Test
    void numbersPostgresqlWouldRoundPastItsColumnsAndHugeScalesAreRejects() throws Exception {
        ImportSummary summary = run(ImportKind.SALES, "numbers.csv", SALES_HEADER
                + "INV1,1,INVOICE,2026-01-15,D1,P1,PRINTERS,9999999999999999.99995,10.00,RUB\n"
                + "INV1,2,INVOICE,2026-01-15,D1,P1,PRINTERS,0." + "0".repeat(20_000) + "1,10.00,RUB\n"
                + "INV1,3,INVOICE,1899-12-31,D1,P1,PRINTERS,1,10.00,RUB\n"
                + "INV1,4,INVOICE,2026-01-15,D1,P1,PRINTERS,9999999999999999.9999,10.00,RUB\n");

        assertThat(rejects()).containsOnlyKeys(2L, 3L, 4L);
        assertThat(rejects().get(2L)).isEqualTo("number too large in quantity: 9999999999999999.99995");
        assertThat(rejects().get(3L)).startsWith("quantity is longer than its limit of 64 characters");
        assertThat(rejects().get(4L)).startsWith("date out of range in document_date: '1899-12-31'");
        assertThat(summary.accepted()).isEqualTo(1);
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        ImportSummary summary = imports.importFile(kind, file);
        assertThat(summary.completed()).as(summary.describe()).isTrue();
        assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.unchanged());
        return summary;
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
}
