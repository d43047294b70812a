package io.periodclose.statement;

import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributors imported before codes were restricted (inserted straight into the table here) with codes that would
 * climb out of the statements folder: the close still completes, writes each statement under an escaped name inside
 * the period's folder, and overwrites nothing else.
 */
@DatabaseTest
class UnsafeLegacyCodeCloseTest {

    static final Path OUT = Path.of("target/test-out/statements");
    static final List<String> CODES = List.of("D000002", "../2025-Q4/D000002", "../../../pc-paths-x",
            "/tmp/pc-paths-x", "D1", "D1.r1", " D1", "-x", ".x", "=1+2");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CloseService closes;

    @BeforeEach
    void books() throws Exception {
        Books.wipe(jdbc);
        FileSystemUtils.deleteRecursively(OUT);
        Files.deleteIfExists(Path.of("target/pc-paths-x.pdf"));
        Files.deleteIfExists(Path.of("/tmp/pc-paths-x.pdf"));
        Fixtures books = new Fixtures(jdbc);
        for (String code : CODES) {
            books.distributor(code, "GOLD", "EUR").invoice(code, "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        }
    }

    @Test
    void aCloseWritesEveryStatementInsideItsFolderAndOverwritesNoOtherStatement() throws Exception {
        Path issued = OUT.resolve("2025-Q4/D000002.pdf");
        Files.createDirectories(issued.getParent());
        Files.writeString(issued, "the issued statement of a locked year", StandardCharsets.UTF_8);

        JobExecution close = closes.close(Quarter.parse("2026-Q1"), LocalDate.parse("2026-04-02"), false);

        assertThat(close.getStatus()).as(close.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Files.readString(issued)).isEqualTo("the issued statement of a locked year");
        assertThat(Path.of("target/pc-paths-x.pdf")).doesNotExist();
        assertThat(Path.of("/tmp/pc-paths-x.pdf")).doesNotExist();

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT distributor_code, file, sha256 FROM statement WHERE period = '2026-Q1'");
        assertThat(rows).hasSize(CODES.size());
        Map<String, String> files = new java.util.HashMap<>();
        for (Map<String, Object> row : rows) {
            String file = (String) row.get("file");
            assertThat(file).as("%s", row).isNotNull().doesNotContain("/").doesNotStartWith(".").doesNotStartWith("-");
            Path pdf = OUT.resolve("2026-Q1").resolve(file);
            assertThat(StatementFiles.sha256(Files.readAllBytes(pdf))).as(file).isEqualTo(row.get("sha256"));
            assertThat(Pdf.read(Files.readAllBytes(pdf)).flat()).as(file).contains("QS-2026-Q1-" + row.get("distributor_code"));
            files.put((String) row.get("distributor_code"), file);
        }
        assertThat(files).containsEntry("D000002", "D000002.pdf").containsEntry("D1", "D1.pdf")
                .containsEntry("../2025-Q4/D000002", "~2E.~2F2025-Q4~2FD000002.pdf")
                .containsEntry("/tmp/pc-paths-x", "~2Ftmp~2Fpc-paths-x.pdf")
                .containsEntry(" D1", "~20D1.pdf")
                // a code ending like a re-close's suffix cannot take D1's first re-close file, D1.r1.pdf
                .containsEntry("D1.r1", "D1~2Er1.pdf")
                .containsEntry("-x", "~2Dx.pdf");
        assertThat(files.values()).doesNotHaveDuplicates();

        try (Stream<Path> written = Files.walk(OUT)) {
            assertThat(written.filter(Files::isRegularFile).map(p -> OUT.relativize(p).toString()))
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("2025-Q4/D000002.pdf",
                            "2026-Q1/manifest.csv"), files.values().stream().map(f -> "2026-Q1/" + f)).toList());
        }
        // the manifest neutralises the code a spreadsheet would run as a formula
        assertThat(Files.readAllLines(OUT.resolve("2026-Q1/manifest.csv")))
                .anyMatch(line -> line.startsWith("'=1+2,~3D1~2B2.pdf,"))
                .anyMatch(line -> line.startsWith("'-x,~2Dx.pdf,"));
    }
}
