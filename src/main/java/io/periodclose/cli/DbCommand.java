package io.periodclose.cli;

import io.periodclose.database.HomeMigration;
import io.periodclose.database.ServerVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "The embedded database under --home.",
        subcommands = DbCommand.Migrate.class)
class DbCommand implements Runnable {

    @ParentCommand
    PeriodCloseCli cli;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "Missing command: db migrate");
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
