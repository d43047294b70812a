package io.periodclose.importing;

import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §2: distributor codes become file names, so only the safe alphabet is imported, in every file. */
@DatabaseTest
class DistributorCodeImportTest {

    @Autowired
    ImportService imports;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
    }

    @Test
    void refusesEveryCodeOutsideTheSafeAlphabetWithItsLineAndReason() throws Exception {
        String longest = "D".repeat(40);
        ImportSummary summary = run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                D000002,Alpha,GOLD,RUB,a@alpha.ru,RU
                ../2025-Q4/D000002,Attack,GOLD,RUB,x@evil.ru,RU
                ../../../x,Attack,GOLD,RUB,x@evil.ru,RU
                /tmp/x,Attack,GOLD,RUB,x@evil.ru,RU
                " D000002",Renamed,SILVER,RUB,a@alpha.ru,RU
                "D000002 ",Renamed,SILVER,RUB,a@alpha.ru,RU
                .x,Dot,GOLD,RUB,x@evil.ru,RU
                -x,Dash,GOLD,RUB,x@evil.ru,RU
                %s,Long,GOLD,RUB,l@long.ru,RU
                %s,Longest,GOLD,RUB,l@long.ru,RU
                Д-001.а_1,ООО «Д»,GOLD,RUB,d@d.ru,RU
                =1+2,Formula,GOLD,RUB,f@f.ru,RU
                """.formatted(longest + "1", longest));

        assertThat(rejects(summary)).containsExactly(
                Map.entry(3L, "bad distributor code in code: '../2025-Q4/D000002' starts with '.' (a code may not start with '.' or '-')"),
                Map.entry(4L, "bad distributor code in code: '../../../x' starts with '.' (a code may not start with '.' or '-')"),
                Map.entry(5L, "bad distributor code in code: '/tmp/x' contains '/' (allowed: letters, digits, '.', '_', '-')"),
                Map.entry(6L, "bad distributor code in code: ' D000002' has leading or trailing spaces (codes are never trimmed)"),
                Map.entry(7L, "bad distributor code in code: 'D000002 ' has leading or trailing spaces (codes are never trimmed)"),
                Map.entry(8L, "bad distributor code in code: '.x' starts with '.' (a code may not start with '.' or '-')"),
                Map.entry(9L, "bad distributor code in code: '-x' starts with '-' (a code may not start with '.' or '-')"),
                Map.entry(10L, "code is longer than its limit of 40 characters (41 characters): '" + longest + "1'"),
                Map.entry(13L, "bad distributor code in code: '=1+2' contains '=' (allowed: letters, digits, '.', '_', '-')"));
        assertThat(jdbc.queryForList("SELECT code FROM distributor ORDER BY code COLLATE \"C\"", String.class))
                .containsExactly("D000002", longest, "Д-001.а_1");
        // the code with spaces did not update D000002
        assertThat(jdbc.queryForMap("SELECT name, tier, version FROM distributor WHERE code = 'D000002'"))
                .containsEntry("name", "Alpha").containsEntry("tier", "GOLD").containsEntry("version", 1);
        assertThat(Files.readString(dir.resolve("distributors.rejects.csv")))
                .contains("6,bad distributor code in code: ' D000002' has leading or trailing spaces");
    }

    @Test
    void salesTargetsAndClaimsRefuseABadCodeAsSuchNotAsAnUnknownDistributor() throws Exception {
        run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                D1,Alpha,GOLD,RUB,a@alpha.ru,RU
                Д-001.а_1,ООО «Д»,GOLD,RUB,d@d.ru,RU
                """);

        ImportSummary sales = run(ImportKind.SALES, "sales.csv", """
                document_no,line_no,document_type,document_date,distributor_code,product_code,product_line,quantity,net_amount,currency
                INV1,1,INVOICE,2026-01-15,D1 ,P1,PRINTERS,1,10.00,RUB
                INV1,2,INVOICE,2026-01-15,../D1,P1,PRINTERS,1,10.00,RUB
                INV1,3,INVOICE,2026-01-15,Д-001.а_1,P1,PRINTERS,1,10.00,RUB
                """);
        assertThat(rejects(sales)).containsExactly(
                Map.entry(2L, "bad distributor code in distributor_code: 'D1 ' has leading or trailing spaces (codes are never trimmed)"),
                Map.entry(3L, "bad distributor code in distributor_code: '../D1' starts with '.' (a code may not start with '.' or '-')"));
        assertThat(sales.accepted()).isEqualTo(1);

        ImportSummary targets = run(ImportKind.TARGETS, "targets.csv", """
                distributor_code,period,target_amount
                " D1",2026-Q1,1000.00
                D1,2026-Q1,1000.00
                """);
        assertThat(rejects(targets)).containsExactly(Map.entry(2L,
                "bad distributor code in distributor_code: ' D1' has leading or trailing spaces (codes are never trimmed)"));

        ImportSummary claims = run(ImportKind.CLAIMS, "claims.csv", """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                C1,-D1,2026-01-20,CATALOGUES,Каталоги,10.00,RUB
                C2,D1,2026-01-20,CATALOGUES,Каталоги,10.00,RUB
                """);
        assertThat(rejects(claims)).containsExactly(Map.entry(2L,
                "bad distributor code in distributor_code: '-D1' starts with '-' (a code may not start with '.' or '-')"));
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        return ImportFiles.rejects(jdbc, summary);
    }
}
