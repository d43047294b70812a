package io.periodclose.cli;

import io.periodclose.importing.CsvInputFile;
import io.periodclose.importing.CsvOptions;
import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import io.periodclose.importing.ImportSummary;
import io.periodclose.ops.Commands;
import io.periodclose.ops.JobRuns;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a CSV file of distributors, sales lines, targets, claims or payments (SPEC §2).",
                "Bad rows are rejected with their line and reason into <file>.rejects.csv and the database;",
                "good rows are kept; importing the same file again changes nothing."})
class ImportCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Parameters(index = "0", paramLabel = "KIND", description = "distributors, sales, targets, claims or payments",
            converter = KindConverter.class)
    ImportKind kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the UTF-8 CSV file with a header row")
    Path file;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "the file's encoding, e.g. windows-1251 for 1C and Excel exports (default: ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "the field separator, e.g. ';' (or tab) (default: ${DEFAULT-VALUE})")
    String delimiter;

    @Option(names = "--decimal-comma",
            description = "amounts are written with a decimal comma, 1234,50 (needs another delimiter than ',')")
    boolean decimalComma;

    @Override
    public Integer call() throws Exception {
        CsvOptions options = CsvOptions.of(encoding, delimiter, decimalComma);
        // a file that is no CSV of the kind is refused before the database starts
        CsvInputFile.inspect(file.toAbsolutePath().normalize(), kind, options);
        try (Engine engine = Engine.start(cli.global())) {
            ImportSummary summary = engine.get(ImportService.class).importFile(kind, file, options);
            System.out.println(summary.describe());
            if (summary.rejected() > 0) {
                System.out.println("rejected rows, with line and reason: " + summary.rejectReport());
            }
            if (!summary.completed()) {
                Commands commands = engine.get(Commands.class);
                String cause = summary.failures().isEmpty()
                        ? FailureCause.of(JobRuns.execution(engine.get(JobRepository.class), summary.jobExecutionId()))
                        : FailureCause.describe(summary.failures().get(0));
                System.err.println("import " + summary.status() + " (execution " + summary.jobExecutionId() + "): "
                        + cause);
                System.err.println("details: " + commands.show(summary.jobExecutionId()));
                System.err.println("restart: " + commands.restart(summary.jobExecutionId()));
                return ExitCode.JOB_FAILED;
            }
            return ExitCode.DONE;
        }
    }

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<ImportKind> {
        @Override
        public ImportKind convert(String value) {
            return ImportKind.fromCommandName(value);
        }
    }
}
