package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.generate.DataSetGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code generate}: writes a synthetic data set. Plain file output, so it starts neither Spring nor the database. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes a realistic synthetic data set (the input CSV files and a programme per year) "
                + "for demos and benchmarks; the same seed always gives the same files.")
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--distributors", paramLabel = "N", required = true, description = "Number of distributors.")
    int distributors;

    @Option(names = "--lines", paramLabel = "N", required = true, description = "Sales lines per quarter.")
    long lines;

    @Option(names = "--year", paramLabel = "Y", required = true, description = "The last year of the data set.")
    int year;

    @Option(names = "--years", paramLabel = "K", defaultValue = "2",
            description = "Number of years, ending with --year (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Folder to write the files into.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        DataSetGenerator.Settings settings;
        try {
            settings = new DataSetGenerator.Settings(distributors, lines, year, years, seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " exists and is not a folder");
        }
        long started = System.nanoTime();
        DataSetGenerator.Summary summary = new DataSetGenerator(settings).writeTo(dir);
        double seconds = (System.nanoTime() - started) / 1e9;

        PrintWriter out = spec.commandLine().getOut();
        String span = settings.years() == 1 ? Integer.toString(year) : settings.firstYear() + " to " + year;
        out.printf(Locale.ROOT, "Wrote a synthetic data set for %s (seed %d) to %s%n", span, seed, dir);
        String row = "  %-18s %,12d rows%n";
        out.printf(Locale.ROOT, row, DataSetGenerator.DISTRIBUTORS_FILE, summary.distributors());
        out.printf(Locale.ROOT, row, DataSetGenerator.SALES_FILE, summary.salesLines());
        out.printf(Locale.ROOT, row, DataSetGenerator.TARGETS_FILE, summary.targets());
        out.printf(Locale.ROOT, row, DataSetGenerator.CLAIMS_FILE, summary.claims());
        out.printf(Locale.ROOT, row, DataSetGenerator.PAYMENTS_FILE, summary.payments());
        out.printf(Locale.ROOT, "  %s/<year>.yml for %s%n", DataSetGenerator.PROGRAMS_DIR, span);
        out.printf(Locale.ROOT, "%d files in %.1f s%n", summary.files().size(), seconds);
        out.flush();
        return ExitCode.DONE;
    }
}
