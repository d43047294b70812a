package io.periodclose.cli;

import io.periodclose.ops.Commands;
import io.periodclose.period.CloseService;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "close", mixinStandardHelpOptions = true,
        description = {"Closes a quarter: turnover, rebates, ledger accruals, claims (SPEC §4, §5).",
                "Quarters close in order and only after they have ended. With --reclose, an already closed",
                "quarter is recalculated and only the differences are posted, at the --as-of business date."})
class CloseCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--period", required = true, paramLabel = "YYYY-Qn", converter = QuarterConverter.class,
            description = "the quarter, e.g. 2026-Q3")
    Quarter period;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "the business date of the close (default: today); for a re-close, the date of its adjustments")
    LocalDate asOf;

    @Option(names = "--reclose", description = "recalculate an already closed quarter and post the differences")
    boolean reclose;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "who launches it (default: the operating system's user name); with approval required,"
                    + " someone else must approve it")
    String by;

    @Override
    public Integer call() {
        try (Engine engine = Engine.start(cli.global())) {
            JobExecution execution = engine.get(CloseService.class)
                    .close(period, asOf == null ? LocalDate.now() : asOf, reclose, by);
            return JobsCommand.report(execution, engine);
        }
    }

    static final class QuarterConverter implements picocli.CommandLine.ITypeConverter<Quarter> {
        @Override
        public Quarter convert(String value) {
            return Quarter.parse(value);
        }
    }

    /** A year the books can hold (as a quarter's year), so that {@code --year 0} is bad usage, not a failed job. */
    static final class YearConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int year;
            try {
                year = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a year must look like 2026, not '" + value + "'");
            }
            if (year < Quarter.FIRST_YEAR || year > Quarter.LAST_YEAR) {
                throw new IllegalArgumentException("a year must be " + Quarter.FIRST_YEAR + " to " + Quarter.LAST_YEAR
                        + ", not " + year);
            }
            return year;
        }
    }
}
