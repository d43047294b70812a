package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportKind;
import io.periodclose.importing.ImportService;
import io.periodclose.importing.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import io.periodclose.expiry.ExpiryService;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.BonusFundQueries.CurrencyTotals;
import io.periodclose.money.Currencies;
import io.periodclose.ops.Commands;
import io.periodclose.period.CloseService;
import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product once on the embedded database: generates a realistic data set for",
                "the two most recent complete years, imports it, closes every quarter in order, expires both",
                "years and prints a summary. Running it again changes nothing."})
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
                cli.global().out(), cli.global().language());
        try (Engine engine = Engine.start(global)) {
            ImportService imports = engine.get(ImportService.class);
            importFile(imports, ImportKind.DISTRIBUTORS, data.resolve(DataSetGenerator.DISTRIBUTORS_FILE));
            importFile(imports, ImportKind.TARGETS, data.resolve(DataSetGenerator.TARGETS_FILE));
            importFile(imports, ImportKind.SALES, data.resolve(DataSetGenerator.SALES_FILE));
            importFile(imports, ImportKind.CLAIMS, data.resolve(DataSetGenerator.CLAIMS_FILE));
            importFile(imports, ImportKind.PAYMENTS, data.resolve(DataSetGenerator.PAYMENTS_FILE));
            CloseService closes = engine.get(CloseService.class);
            PeriodRules rules = engine.get(PeriodRules.class);
            ExpiryService expiries = engine.get(ExpiryService.class);
            Commands commands = engine.get(Commands.class);
            for (int year = lastYear - 1; year <= lastYear; year++) {
                for (int q = 1; q <= 4; q++) {
                    Quarter quarter = new Quarter(year, q);
                    if (rules.isClosed(quarter)) {
                        step("%s is already closed", quarter);
                        continue;
                    }
                    long closeStarted = System.nanoTime();
                    JobExecution close = closes.close(quarter, LocalDate.now(), false);
                    requireCompleted(close, commands);
                    step("closed %s in %.1f s", quarter, (System.nanoTime() - closeStarted) / 1e9);
                }
                int thisYear = year;
                if (rules.lastLockedYear().filter(locked -> locked >= thisYear).isPresent()) {
                    step("the bonuses of %d have already expired", year);
                    continue;
                }
                long expiryStarted = System.nanoTime();
                requireCompleted(expiries.expire(year), commands);
                step("expired the unused bonuses of %d in %.1f s", year, (System.nanoTime() - expiryStarted) / 1e9);
            }
            summary(engine.get(JdbcTemplate.class), engine.get(BonusFundQueries.class), lastYear);
        }
        step("done in %.1f s; the books live in %s (pass --home to use another)",
                (System.nanoTime() - started) / 1e9, cli.global().home().toAbsolutePath().normalize());
        return ExitCode.DONE;
    }

    private static void requireCompleted(JobExecution execution, Commands commands) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException(execution.getJobInstance().getJobName() + " ended "
                    + execution.getStatus() + "; see " + commands.show(execution.getId()) + ", restart with "
                    + commands.restart(execution.getId()));
        }
    }

    private static void summary(JdbcTemplate jdbc, BonusFundQueries fund, int lastYear) {
        step("summary by currency (bonus fund movements over both years):");
        System.out.printf("[demo]   %-8s %12s %18s %16s %16s %16s %16s%n", "currency", "distributors", "turnover",
                "accrued", "spent", "expired", "balance now");
        Map<String, CurrencyTotals> totals = fund.totalsByCurrency();
        jdbc.query("""
                SELECT d.currency, count(*) AS distributors,
                       coalesce((SELECT sum(CASE document_type WHEN 'INVOICE' THEN net_amount ELSE -net_amount END)
                                   FROM sales_line s WHERE s.currency = d.currency), 0) AS turnover
                  FROM distributor d GROUP BY d.currency ORDER BY d.currency""", rs -> {
            String currency = rs.getString(1);
            CurrencyTotals fundTotals = totals.getOrDefault(currency, CurrencyTotals.NONE);
            System.out.printf("[demo]   %-8s %12d %18s %16s %16s %16s %16s%n", currency, rs.getLong(2),
                    Currencies.format(rs.getBigDecimal(3), currency), Currencies.format(fundTotals.accrued(), currency),
                    Currencies.format(fundTotals.spent(), currency), Currencies.format(fundTotals.expired(), currency),
                    Currencies.format(fundTotals.balance(), currency));
        });
        step("try: period-close rebates --period %d-Q4, balances --as-of %d-12-31, claims --period %d-Q4, jobs list",
                lastYear, lastYear, lastYear);
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
