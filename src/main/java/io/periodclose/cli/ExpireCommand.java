package io.periodclose.cli;

import io.periodclose.expiry.ExpiryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "expire", mixinStandardHelpOptions = true,
        description = {"The year-end job: expires every positive bonus balance at 31 December and locks the year.",
                "Needs the year's Q4 closed; a negative balance is carried, not expired."})
class ExpireCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--year", required = true, converter = CloseCommand.YearConverter.class, paramLabel = "YYYY", description = "the year to expire")
    int year;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "who launches it (default: the operating system's user name); with approval required,"
                    + " someone else must approve its annual rebate")
    String by;

    @Override
    public Integer call() {
        try (Engine engine = Engine.start(cli.global())) {
            return JobsCommand.report(engine.get(ExpiryService.class).expire(year, by), engine);
        }
    }
}
