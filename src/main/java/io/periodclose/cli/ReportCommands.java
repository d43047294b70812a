package io.periodclose.cli;

import io.periodclose.period.Quarter;
import io.periodclose.reporting.CsvReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** The CSV reports: header first, to stdout, for finance's spreadsheets and operators' scripts. */
final class ReportCommands {

    private ReportCommands() {
    }

    private static Integer print(PeriodCloseCli cli, java.util.function.BiConsumer<CsvReports, PrintWriter> report) {
        try (Engine engine = Engine.startReports(cli.global())) {
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            report.accept(engine.get(CsvReports.class), out);
            out.flush();
        }
        return ExitCode.DONE;
    }

    @Command(name = "balances", mixinStandardHelpOptions = true,
            description = CsvReports.BALANCES_HEADER + ": each distributor's bonus fund at the end of a day.")
    static class Balances implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--as-of", required = true, paramLabel = "DATE")
        LocalDate asOf;

        @Override
        public Integer call() {
            return print(cli, (reports, out) -> reports.balances(asOf, out));
        }
    }

    @Command(name = "rebates", mixinStandardHelpOptions = true,
            description = CsvReports.REBATES_HEADER + ":"
                    + " the latest calculation of a closed quarter.")
    static class Rebates implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--period", required = true, paramLabel = "YYYY-Qn", converter = CloseCommand.QuarterConverter.class)
        Quarter period;

        @Override
        public Integer call() {
            return print(cli, (reports, out) -> reports.rebates(period, out));
        }
    }

    @Command(name = "annual", mixinStandardHelpOptions = true,
            description = CsvReports.ANNUAL_HEADER + ": the annual rebate of a year (SPEC §8.2),"
                    + " as its year-end job calculated it.")
    static class Annual implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--year", required = true, converter = CloseCommand.YearConverter.class, paramLabel = "YYYY", description = "the year of the rebate")
        int year;

        @Override
        public Integer call() {
            return print(cli, (reports, out) -> reports.annual(year, out));
        }
    }

    @Command(name = "claims", mixinStandardHelpOptions = true,
            description = CsvReports.CLAIMS_HEADER + ": the claims dated in a"
                    + " quarter and how they were settled (PENDING until the quarter is closed).")
    static class Claims implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--period", required = true, paramLabel = "YYYY-Qn", converter = CloseCommand.QuarterConverter.class)
        Quarter period;

        @Override
        public Integer call() {
            return print(cli, (reports, out) -> reports.claims(period, out));
        }
    }
}
