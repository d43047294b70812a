package io.periodclose.importing;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CsvRowReader}: rows with the line they start on, a broken quote costing its line only, restarts exact. */
class CsvRowReaderTest {

    private static final String HEADER = "code,name,tier,currency,email,region";

    @TempDir
    Path dir;

    @Test
    void aBrokenQuoteIsAnUnreadableRowOfItsFirstLineAndTheRowsAfterItAreRead() throws IOException {
        for (String end : List.of("\n", "\r\n")) {
            Path file = write(String.join(end, HEADER,
                    "D1,\"Alfa, \"\"Moscow\"\"\",GOLD,RUB,a@alfa.ru,RU",
                    "D2,Beta,\"SILVER,EUR,b@beta.de,DE",
                    "D3,\"Gamma",
                    "two lines\",GOLD,RUB,g@gamma.ru,RU",
                    "\"D4\"x,Delta,GOLD,RUB,d@delta.ru,RU",
                    "D5,Eps,GOLD,RUB,e@eps.ru,\"RU") + end);

            assertThat(rows(file, 0)).containsExactly(
                    "2 [D1, Alfa, \"Moscow\", GOLD, RUB, a@alfa.ru, RU]",
                    "3 unreadable: a quote opened on this line closes on line 4 with text after it"
                            + " (an unbalanced quote?)",
                    "4 [D3, Gamma" + end + "two lines, GOLD, RUB, g@gamma.ru, RU]",
                    "6 unreadable: text after the closing quote of field 1 (a quote inside a quoted value is written"
                            + " twice)",
                    "7 unreadable: a quote opened on this line is never closed");
        }
    }

    @Test
    void aRestartSkipsExactlyTheRecordsAlreadyReadBrokenOnesIncluded() throws IOException {
        Path file = write(String.join("\n", HEADER,
                "D1,Alfa,GOLD,RUB,a@alfa.ru,RU",
                "D2,\"Beta,SILVER,EUR,b@beta.de,DE",
                "D3,\"Gamma",
                "G\",GOLD,RUB,g@gamma.ru,RU",
                "D4,Delta,GOLD,RUB,d@delta.ru,RU",
                "D5,\"Eps",
                "D6,Zeta,GOLD,RUB,z@zeta.ru,RU") + "\n");
        List<String> all = rows(file, 0);
        assertThat(all).hasSize(6);
        for (int committed = 0; committed <= all.size(); committed++) {
            assertThat(rows(file, committed)).as("after %d", committed)
                    .isEqualTo(all.subList(committed, all.size()));
        }
    }

    @Test
    void aThousandUnreadableLinesInARowMeanTheFileIsNoCsv() throws IOException {
        Path file = write(HEADER + "\n" + "\"D1\"x,a,GOLD,RUB,a@a.ru,RU\n".repeat(CsvRowReader.MAX_UNREADABLE_IN_A_ROW + 1));

        assertThatThrownBy(() -> rows(file, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("line " + (CsvRowReader.MAX_UNREADABLE_IN_A_ROW + 2) + " is not valid CSV");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("distributors.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** The rows after the first {@code committed}, as a restart reads them. */
    private static List<String> rows(Path file, long committed) {
        CsvRowReader reader = new CsvRowReader(file, ImportKind.DISTRIBUTORS);
        ExecutionContext context = new ExecutionContext();
        context.putLong(CsvRowReader.RECORDS_READ, committed);
        List<String> seen = new ArrayList<>();
        try {
            reader.open(context);
            for (CsvRow row = reader.read(); row != null; row = reader.read()) {
                seen.add(row.line() + " " + (row.unreadable() != null ? "unreadable: " + row.unreadable()
                        : Arrays.toString(row.values())));
            }
        } finally {
            reader.close();
        }
        return seen;
    }
}
