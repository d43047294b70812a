package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import io.periodclose.importing.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product once on the embedded database: generates a realistic data set for",
                "the two most recent complete years, imports it and prints a summary. Running it again changes",
                "nothing (every row is an unchanged duplicate)."})
class DemoCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--distributors", defaultValue = "300", description = "Distributors (default: ${DEFAULT-VALUE}).")
    int distributors;

    @Option(names = "--lines", defaultValue = "25000",
            description = "Sales lines per quarter (default: ${DEFAULT-VALUE}).")
    long linesPerQuarter;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the data set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (Engine.externalDatabaseConfigured()) {
            throw new BadInputException("demo runs on the embedded database only; unset SPRING_DATASOURCE_URL");
        }
        int lastYear = LocalDate.now().getYear() - 1;
        Path data = cli.global().out().resolve("demo-data");
        long started = System.nanoTime();
        step("generating %d distributors and %d sales lines per quarter for %d-%d into %s",
                distributors, linesPerQuarter, lastYear - 1, lastYear, data);
        new DataSetGenerator(new DataSetGenerator.Settings(distributors, linesPerQuarter, lastYear, 2, seed)).writeTo(data);
        GlobalOptions global = new GlobalOptions(cli.global().home(), data.resolve(DataSetGenerator.PROGRAMS_DIR),
                cli.global().out());
        try (Engine engine = Engine.start(global)) {
            ImportService imports = engine.get(ImportService.class);
            importFile(imports, ImportKind.DISTRIBUTORS, data.resolve(DataSetGenerator.DISTRIBUTORS_FILE));
            importFile(imports, ImportKind.TARGETS, data.resolve(DataSetGenerator.TARGETS_FILE));
            importFile(imports, ImportKind.SALES, data.resolve(DataSetGenerator.SALES_FILE));
            importFile(imports, ImportKind.CLAIMS, data.resolve(DataSetGenerator.CLAIMS_FILE));
        }
        step("done in %.1f s; the books live in %s (pass --home to use another)",
                (System.nanoTime() - started) / 1e9, cli.global().home().toAbsolutePath().normalize());
        return ExitCode.DONE;
    }

    private static void importFile(ImportService imports, ImportKind kind, Path file) {
        long started = System.nanoTime();
        ImportSummary summary = imports.importFile(kind, file);
        if (!summary.completed()) {
            throw new IllegalStateException("the import of " + file + " ended " + summary.status());
        }
        step("imported %s in %.1f s", summary.describe(), (System.nanoTime() - started) / 1e9);
    }

    private static void step(String format, Object... args) {
        System.out.printf("[demo] " + format + "%n", args);
    }
}
