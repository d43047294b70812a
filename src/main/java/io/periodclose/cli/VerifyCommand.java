package io.periodclose.cli;

import io.periodclose.ledger.LedgerCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the ledger's invariants: every entry balanced, keys unique, each currency summing to",
                "zero, nothing posted into closed periods. Exit code 0 when all hold, 1 otherwise."})
class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Override
    public Integer call() {
        try (Engine engine = Engine.startReports(cli.global())) {
            List<LedgerCheck.Result> results = engine.get(LedgerCheck.class).run();
            boolean allHold = true;
            for (LedgerCheck.Result result : results) {
                System.out.printf("%-6s %s%s%n", result.holds() ? "ok" : "FAILED", result.invariant(),
                        result.holds() ? "" : " (" + result.violations() + " violations, e.g. " + result.examples() + ")");
                allHold &= result.holds();
            }
            return allHold ? ExitCode.DONE : ExitCode.JOB_FAILED;
        }
    }
}
