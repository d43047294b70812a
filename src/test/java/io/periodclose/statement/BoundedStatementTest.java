package io.periodclose.statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static io.periodclose.statement.SampleStatements.ALFA;
import static io.periodclose.statement.SampleStatements.Q3;
import static io.periodclose.statement.SampleStatements.SHA;
import static io.periodclose.statement.SampleStatements.claim;
import static io.periodclose.statement.SampleStatements.d;
import static io.periodclose.statement.SampleStatements.header;
import static io.periodclose.statement.SampleStatements.noTurnoverQ3;
import static org.assertj.core.api.Assertions.assertThat;

/** The renderer's work per statement is bounded, whatever the claims stored: a 10 MB description, thousands of claims. */
class BoundedStatementTest {

    private final StatementRenderer renderer = new StatementRenderer(Path.of("reports"));

    @Test
    @Timeout(120)
    void aTenMegabyteDescriptionIsCutToTwoHundredCharactersAndTheStatementRenders() {
        String description = "Каталоги ".repeat(1_200_000);
        QuarterStatement statement = new QuarterStatement(header("D0042", ALFA, "EUR", "QS-2026-Q3-D0042"), Q3,
                "MB-2026", SHA, d("100.00"),
                List.of(claim("C-1", Q3.firstDay(), "CATALOGUES", description, "20.00", "10.00", "10.00")),
                d("90.00"), noTurnoverQ3("EUR", "0.00"));

        assertThat(statement.movements().get(0).claim().description()).hasSize(ClaimDetail.DESCRIPTION_SHOWN)
                .endsWith("…");
        Pdf pdf = Pdf.read(renderer.renderQuarter(statement, Locale.ENGLISH));

        assertThat(pdf.flat()).contains("C-1", "Каталоги Каталоги").doesNotContain("Каталоги ".repeat(30));
    }

    @Test
    void aStatementListsAtMostFiveHundredMovementsAndSumsTheRestOnOneLine() {
        QuarterStatement statement = SampleStatements.manyMovements(1_200);
        StatementText text = new StatementText(java.util.ResourceBundle.getBundle("reports.i18n.statement",
                Locale.ROOT), Locale.ENGLISH, "EUR");

        List<java.util.Map<String, ?>> rows = StatementData.quarter(statement, text).rows();

        assertThat(rows).hasSize(StatementData.MOVEMENT_ROWS + 1);
        assertThat(rows.stream().filter(row -> row.get("text").toString().startsWith("Claim C-"))).hasSize(500);
        java.util.Map<String, ?> more = rows.get(StatementData.MOVEMENT_ROWS);
        assertThat(more.get("text").toString()).startsWith("700 more movements");
        assertThat(more.get("amount").toString()).contains("7,000.00");
        assertThat(more.get("balance").toString()).contains("2,000.00");
        assertThat(statement.closingBalance()).isEqualByComparingTo("-2000.00");
    }
}
