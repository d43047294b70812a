package io.periodclose.cli;

import io.periodclose.RefusedException;
import io.periodclose.database.HomeMigration;
import io.periodclose.database.ServerVersion;
import io.periodclose.database.ServerLinger;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The embedded PostgreSQL under --home: it keeps running for PERIOD_CLOSE_DB_LINGER (default 5m)",
                "after the last command leaves, so that the next one starts fast; db migrate carries a home of an",
                "earlier release over to this release's PostgreSQL."},
        subcommands = {DbCommand.Status.class, DbCommand.Stop.class, DbCommand.Migrate.class})
class DbCommand implements Runnable {

    @ParentCommand
    PeriodCloseCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: status, stop or migrate");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether the embedded server runs, and until when it lingers once idle.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            Path home = db.cli.global().home().toAbsolutePath();
            if (!ServerLinger.serverRunning(home)) {
                System.out.println("stopped (" + home + ")");
            } else {
                System.out.println("running (" + home + ")" + ServerLinger.lingersUntil(home)
                        .map(until -> "; once idle it stops at " + until).orElse(""));
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the embedded server now, unless a command is using it (exit 3).")
    static class Stop implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() throws IOException {
            Path home = db.cli.global().home().toAbsolutePath();
            if (!ServerLinger.stopIfIdle(home)) {
                throw new RefusedException("the embedded server under " + home + " is in use by another command");
            }
            System.out.println("stopped (" + home + ")");
            return ExitCode.DONE;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Carries a home made by an earlier release (PostgreSQL " + ServerVersion.PREVIOUS_EMBEDDED_MAJOR
                    + ") over to PostgreSQL " + ServerVersion.EMBEDDED_MAJOR + ": copies the books into a new cluster,",
                    "verifies the copy, then switches the home over and keeps the old data directory beside it.",
                    "Does nothing on a home that is already current. Any failure leaves the old home as it was."})
    static class Migrate implements Callable<Integer> {

        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            if (Engine.externalDatabaseConfigured()) {
                System.out.println("note: SPRING_DATASOURCE_URL is set, so the commands use that server; db migrate"
                        + " acts on the embedded database under --home only");
            }
            try {
                HomeMigration.migrate(db.cli.global().home(), System.out);
                return ExitCode.DONE;
            } catch (HomeMigration.MigrationFailed e) {
                System.err.println("failed: " + e.getMessage());
                return ExitCode.JOB_FAILED;
            }
        }
    }
}
