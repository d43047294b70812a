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

/**
 * What the statements print of an import (a distributor's code and name, a claim's id and description) must be text
 * their font can show: a row with a character it lacks is rejected at import, naming the column and the character,
 * instead of the distributor's statement being refused at the close.
 */
@DatabaseTest
class StatementTextImportTest {

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
    void distributorsWhoseCodeOrNameTheStatementsCannotPrintAreRejected() throws Exception {
        ImportSummary summary = run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                ａｂ,Fullwidth,GOLD,RUB,a@a.ru,RU
                CN1,北京打印机有限公司,GOLD,EUR,c@c.cn,CN
                D1,ООО «Принтеры» № 1 ₽,GOLD,RUB,d@d.ru,RU
                Д-001,ΕΛΛΗΝΙΚΑ Α.Ε. — Ελληνικά,SILVER,EUR,g@g.gr,GR
                ԱՄ1,«Տպիչներ» ՍՊԸ,BRONZE,EUR,am@am.am,AM
                KZ1,ЖШС «Қазақстан Әліппесі Ғұңөүһі»,GOLD,KZT,kz@kz.kz,KZ
                GE1,შპს პრინტერები,GOLD,EUR,ge@ge.ge,GE
                E1,Emoji 🖨 Ltd,GOLD,EUR,e@e.com,EU
                """);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(2L, "code contains U+FF41 'ａ' at position 1, which the statements cannot print (their font"
                        + " has no glyph for it): 'ａｂ'"),
                Map.entry(3L, "name contains U+5317 '北' at position 1, which the statements cannot print (their font"
                        + " has no glyph for it): '北京打印机有限公司'"),
                Map.entry(9L, "name contains U+1F5A8 '🖨' at position 7, which the statements cannot print (their font"
                        + " has no glyph for it): 'Emoji 🖨 Ltd'"));
        assertThat(summary.read()).isEqualTo(8);
        assertThat(summary.accepted()).isEqualTo(5);
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT code FROM distributor ORDER BY code COLLATE \"C\"", String.class))
                .containsExactly("D1", "GE1", "KZ1", "Д-001", "ԱՄ1");
        assertThat(Files.readString(dir.resolve("distributors.rejects.csv")))
                .contains("3,\"name contains U+5317 '北' at position 1, which the statements cannot print");
    }

    @Test
    void claimsWhoseIdOrDescriptionTheStatementsCannotPrintAreRejected() throws Exception {
        run(ImportKind.DISTRIBUTORS, "distributors.csv", """
                code,name,tier,currency,email,region
                X11,Alpha,GOLD,EUR,a@alpha.eu,EU
                """);

        ImportSummary summary = run(ImportKind.CLAIMS, "claims.csv", """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                E1,X11,2025-07-10,CATALOGUES,"Каталоги 📚",10.00,EUR
                ＝FW,X11,2025-07-10,CATALOGUES,Каталоги,10.00,EUR
                E3,X11,2025-07-10,CATALOGUES,样品,10.00,EUR
                E4,X11,2025-07-10,CATALOGUES,"Каталоги «Весна» № 3, 1 500 ₽ — Ελληνικά, Հայերեն, Қазақ",10.00,EUR
                №5,X11,2025-07-10,SAMPLES,,10.00,EUR
                """);

        assertThat(rejects(summary)).containsExactly(
                Map.entry(2L, "description contains U+1F4DA '📚' at position 10, which the statements cannot print"
                        + " (their font has no glyph for it): 'Каталоги 📚'"),
                Map.entry(3L, "claim_id contains U+FF1D '＝' at position 1, which the statements cannot print"
                        + " (their font has no glyph for it): '＝FW'"),
                Map.entry(4L, "description contains U+6837 '样' at position 1, which the statements cannot print"
                        + " (their font has no glyph for it): '样品'"));
        assertThat(summary.read()).isEqualTo(5);
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT claim_id || ' ' || description FROM claim ORDER BY claim_id",
                String.class)).containsExactly("E4 Каталоги «Весна» № 3, 1 500 ₽ — Ελληνικά, Հայերեն, Қазақ", "№5 ");
    }

    private ImportSummary run(ImportKind kind, String name, String content) throws Exception {
        return ImportFiles.run(imports, dir, kind, name, content);
    }

    private Map<Long, String> rejects(ImportSummary summary) {
        return ImportFiles.rejects(jdbc, summary);
    }
}
