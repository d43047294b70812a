package io.periodclose.importing;

import io.periodclose.csv.SafeCsv;
import io.periodclose.files.ContainedPath;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code <input>.rejects.csv} next to the input file from the rejects stored in the database
 * ({@code line,reason,record}), replacing it atomically so a reader never sees half a report. Reasons and the
 * echoed records are neutralised against formula injection ({@link SafeCsv}).
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
        Path folder = input.toAbsolutePath().normalize().getParent();
        return ContainedPath.resolve(folder, base + ".rejects.csv");
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        long importId = parameters.getLong("import.id");
        Path report = pathFor(Path.of(parameters.getString("file")));
        Path partial = ContainedPath.resolve(report.getParent(), report.getFileName() + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             SafeCsv printer = SafeCsv.printer(writer, "line", "reason", "record")) {
            jdbc.query("SELECT line_no, reason, record FROM import_reject WHERE import_id = ? ORDER BY line_no",
                    rs -> {
                        printer.record(rs.getLong(1), rs.getString(2), rs.getString(3));
                    }, importId);
        }
        Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return RepeatStatus.FINISHED;
    }
}
