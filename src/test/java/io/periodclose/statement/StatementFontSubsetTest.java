package io.periodclose.statement;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatementFontSubsetTest {

    @Test
    void theCommittedFontsAreWhatTheSubsetterWritesNow() throws IOException {
        for (Map.Entry<String, String> font : StatementFontSubset.FONTS.entrySet()) {
            try (InputStream committed = StatementFontSubsetTest.class
                    .getResourceAsStream("/fonts/statement/" + font.getValue())) {
                assertThat(committed).as(font.getValue()).isNotNull();
                assertThat(committed.readAllBytes()).as(font.getValue() + ": run StatementFontSubset again")
                        .isEqualTo(StatementFontSubset.subset(font.getKey()));
            }
        }
    }

    @Test
    void everyKeptCharacterDejaVuSansHasIsThereAndNothingElse() throws Exception {
        Font dejavu = awt("/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf");
        Font statement = StatementFont.get();
        int kept = 0;
        for (int c : StatementFontSubset.codePoints()) {
            if (dejavu.canDisplay(c)) {
                assertThat(statement.canDisplay(c)).as("U+%04X", c).isTrue();
                kept++;
            }
        }
        assertThat(kept).isGreaterThan(1500);
        assertThat(statement.canDisplayUpTo("ООО «Қазақ Сауда» № 7 — Ελλάς, Հայաստան, საქართველო, Việt, 1 234,56 ₽ ₸ € ± ≤"))
                .isEqualTo(-1);
        // DejaVu Sans has these, the statement font not: a name with them is refused (StatementsJobTest)
        assertThat(dejavu.canDisplay('☀')).isTrue();
        assertThat(statement.canDisplay('☀')).isFalse();
        assertThat(statement.canDisplay('漢')).isFalse();
    }

    private static Font awt(String resource) throws Exception {
        try (InputStream in = StatementFontSubsetTest.class.getResourceAsStream(resource)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        }
    }
}
