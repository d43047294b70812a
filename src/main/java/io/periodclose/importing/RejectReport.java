package io.periodclose.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code <input>.rejects.csv} next to the input file from the rejects stored in the database
 * ({@code line,reason,record}), replacing it atomically so a reader never sees half a report.
 */
@Component
public class RejectReport implements Tasklet {

    private final JdbcTemplate jdbc;

    RejectReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static Path pathFor(Path input) {
        String name = input.getFileName().toString();
        String base = name.toLowerCase().endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return input.resolveSibling(base + ".rejects.csv");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        long importId = parameters.getLong("import.id");
        Path report = pathFor(Path.of(parameters.getString("file")));
        Path partial = report.resolveSibling(report.getFileName() + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                     .setHeader("line", "reason", "record").setRecordSeparator('\n').get())) {
            jdbc.query("SELECT line_no, reason, record FROM import_reject WHERE import_id = ? ORDER BY line_no",
                    rs -> {
                        try {
                            printer.printRecord(rs.getLong(1), rs.getString(2), rs.getString(3));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, importId);
        }
        Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return RepeatStatus.FINISHED;
    }
}
