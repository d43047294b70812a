package io.periodclose.generate;

import io.periodclose.cli.ExitCode;
import io.periodclose.cli.PeriodCloseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {

    @Test
    void writesTheDataSetAndExitsZero(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("data");
        int exit = PeriodCloseCli.run("generate", "--distributors", "12", "--lines", "500", "--year", "2026",
                "--dir", out.toString());

        assertEquals(ExitCode.DONE, exit);
        try (Stream<String> lines = Files.lines(out.resolve(DataSetGenerator.SALES_FILE))) {
            assertEquals(1 + 500 * 4 * 2, lines.count());
        }
        assertTrue(Files.exists(out.resolve("programs/2025.yml")));
        assertTrue(Files.exists(out.resolve("programs/2026.yml")));
    }

    @Test
    void badValuesExitWithTwoAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("data");
        String target = out.toString();

        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "5", "--lines", "0",
                "--year", "2026", "--dir", target));
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "0", "--lines", "5",
                "--year", "2026", "--dir", target));
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "5", "--lines", "5",
                "--year", "2026", "--years", "0", "--dir", target));
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "5", "--lines", "5",
                "--year", "1900", "--years", "2", "--dir", target));
        assertFalse(Files.exists(out));
    }

    @Test
    void missingOrMalformedOptionsExitWithTwo(@TempDir Path dir) {
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "5", "--lines", "5",
                "--year", "2026"));
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "five", "--lines", "5",
                "--year", "2026", "--dir", dir.toString()));
    }

    @Test
    void aFileInPlaceOfTheFolderIsBadInput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertEquals(ExitCode.BAD_INPUT, PeriodCloseCli.run("generate", "--distributors", "5", "--lines", "5",
                "--year", "2026", "--dir", file.toString()));
    }
}
