package io.periodclose.importing;

import io.periodclose.BadInputException;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import io.periodclose.ops.JobRuns;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.util.List;

/** Imports one file: checks it is a CSV of the right kind, then runs the import job over it. */
@Service
public class ImportService {

    private final JobRuns jobRuns;
    private final Job importJob;
    private final JdbcTemplate jdbc;

    ImportService(JobRuns jobRuns, @Qualifier("importJob") Job importJob, JdbcTemplate jdbc) {
        this.jobRuns = jobRuns;
        this.importJob = importJob;
        this.jdbc = jdbc;
    }

    /**
     * Runs the import; a file that is not CSV or lacks columns fails before anything is stored, with a
     * {@link io.periodclose.BadInputException}.
     */
    public ImportSummary importFile(ImportKind kind, Path file) {
        return importFile(kind, file, CsvOptions.DEFAULT);
    }

    /** The same, for a file in another encoding, delimiter or decimal notation (1C, Excel). */
    public ImportSummary importFile(ImportKind kind, Path file, CsvOptions options) {
        Path absolute = file.toAbsolutePath().normalize();
        CsvInputFile.inspect(absolute, kind, options);
        String sha256 = CsvInputFile.sha256(absolute);
        Long importId = jdbc.queryForObject(
                "INSERT INTO import_run (kind, file, file_sha256) VALUES (?, ?, ?) RETURNING id", Long.class,
                kind.name(), absolute.toString(), sha256);
        JobParameters parameters = new JobParametersBuilder()
                .addString("kind", kind.name())
                .addString("file", absolute.toString())
                .addLong("import.id", importId)
                .addString(CsvOptions.ENCODING, options.encoding().name())
                .addString(CsvOptions.DELIMITER, String.valueOf(options.delimiter()))
                .addString(CsvOptions.DECIMAL_COMMA, String.valueOf(options.decimalComma()))
                .toJobParameters();
        JobExecution execution = jobRuns.launch(importJob, parameters);
        jdbc.update("UPDATE import_run SET job_execution_id = ? WHERE id = ?", execution.getId(), importId);
        ImportSummary summary = summary(importId, execution);
        BadInputException fileProblem = fileProblem(execution);
        if (fileProblem != null) {
            // the file itself stopped the import: running it again would stop at the same place
            throw new BadInputException(fileProblem.getMessage() + " (" + summary.describe()
                    + " before it; fix the file and import it again)", fileProblem);
        }
        return summary;
    }

    /** A failure the file's content caused, not the database or the machine; {@code null} if none. */
    private static BadInputException fileProblem(JobExecution execution) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BadInputException bad) {
                    return bad;
                }
            }
        }
        return null;
    }

    public ImportSummary summary(long importId, JobExecution execution) {
        return jdbc.queryForObject("""
                SELECT kind, file, read_count, accepted_count, rejected_count, unchanged_count
                  FROM import_run WHERE id = ?""", (rs, n) -> new ImportSummary(importId,
                ImportKind.valueOf(rs.getString(1)), Path.of(rs.getString(2)), execution.getId(),
                execution.getStatus().name(), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                RejectReport.pathFor(Path.of(rs.getString(2))), List.copyOf(execution.getAllFailureExceptions())),
                importId);
    }
}
