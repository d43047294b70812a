package io.periodclose.cli;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "period-close",
        mixinStandardHelpOptions = true,
        versionProvider = PeriodCloseCli.Version.class,
        description = "Closes a distributor bonus programme's books every quarter and every year.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                ImportCommand.class,
                GenerateCommand.class,
                CloseCommand.class,
                SimulateCommand.class,
                SendCommand.class,
                ExpireCommand.class,
                ApprovalCommands.Approve.class,
                ApprovalCommands.Reject.class,
                JobsCommand.class,
                ReportCommands.Balances.class,
                ReportCommands.Rebates.class,
                ReportCommands.Claims.class,
                ReportCommands.Annual.class,
                VerifyCommand.class,
                DbCommand.class,
                ServeCommand.class,
                WorkerCommand.class,
                UsersCommand.class,
        })
public class PeriodCloseCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = ".period-close",
            description = "Where the embedded database and the default output live (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--programs", paramLabel = "DIR", defaultValue = "jobs/programs",
            description = "Folder of the bonus programmes, one <year>.yml each (default: ${DEFAULT-VALUE}).")
    Path programs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Where statements are written (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--lang", paramLabel = "ru|en", defaultValue = "ru",
            description = "Language of the PDF statements (default: ${DEFAULT-VALUE}).")
    String language;

    public GlobalOptions global() {
        if (!language.equals("ru") && !language.equals("en")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be ru or en, not " + language);
        }
        return new GlobalOptions(home, programs, out, language);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: say which one, or see --help.");
    }

    public static void main(String[] args) {
        // serve logs JSON lines for log collectors unless told otherwise; decided before the first logger exists
        if (java.util.Arrays.asList(args).contains("serve") && System.getenv("PERIOD_CLOSE_LOG_FORMAT") == null
                && System.getProperty("PERIOD_CLOSE_LOG_FORMAT") == null) {
            System.setProperty("PERIOD_CLOSE_LOG_FORMAT", "json");
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code, without exiting: the entry point for tests too. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PeriodCloseCli());
        commandLine.setExecutionExceptionHandler(PeriodCloseCli::handle);
        return commandLine;
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = rootProblem(e);
        if (cause instanceof BadInputException) {
            err.println("error: " + cause.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (cause instanceof RefusedException) {
            err.println("refused: " + cause.getMessage());
            return ExitCode.REFUSED;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        err.println("failed: " + root.getMessage());
        if ("DEBUG".equalsIgnoreCase(System.getenv("PERIOD_CLOSE_LOG_LEVEL"))) {
            e.printStackTrace(err);
        } else {
            err.println("(set PERIOD_CLOSE_LOG_LEVEL=DEBUG for the full stack trace)");
        }
        return ExitCode.JOB_FAILED;
    }

    private static Throwable rootProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof RefusedException) {
                return t;
            }
        }
        return e;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PeriodCloseCli.class.getPackage().getImplementationVersion();
            return new String[]{"period-close " + (version == null ? "development build" : version)};
        }
    }
}
