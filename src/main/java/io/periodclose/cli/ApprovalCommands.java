package io.periodclose.cli;

import io.periodclose.approval.ApprovalService;
import io.periodclose.approval.ApprovalService.Decision;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code approve} and {@code reject} (SPEC §9): the decision on a run that stopped for approval. */
final class ApprovalCommands {

    private ApprovalCommands() {
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approves the figures of a close, re-close or year-end that stopped for approval and",
                    "continues it from where it stopped: it posts. Refused to the one who launched it (four eyes)",
                    "and when the figures changed since they were calculated. Exit codes as for close."})
    static class Approve implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--period", required = true, paramLabel = "YYYY-Qn|YYYY",
                description = "the quarter of a close or re-close (2026-Q3), the year of a year-end (2026)")
        String period;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "who approves")
        String by;

        @Override
        public Integer call() {
            try (Engine engine = Engine.start(cli.global())) {
                Decision decision = engine.get(ApprovalService.class).approve(new Actor(by, Channel.CLI), period);
                System.out.println(period + ": " + decision.approval().describe() + "; totals "
                        + decision.approval().totalsText());
                return JobsCommand.report(decision.execution(), engine);
            }
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"Rejects the figures of a run that stopped for approval: the run is abandoned, nothing",
                    "is posted, and the period can be run again once the data is fixed."})
    static class Reject implements Callable<Integer> {
        @ParentCommand
        PeriodCloseCli cli;

        @Option(names = "--period", required = true, paramLabel = "YYYY-Qn|YYYY",
                description = "the quarter of a close or re-close (2026-Q3), the year of a year-end (2026)")
        String period;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "who rejects")
        String by;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit trail")
        String reason;

        @Override
        public Integer call() {
            try (Engine engine = Engine.start(cli.global())) {
                Decision decision = engine.get(ApprovalService.class).reject(new Actor(by, Channel.CLI), period,
                        reason);
                System.out.println(period + ": " + decision.approval().describe() + "; execution "
                        + decision.execution().getId() + " is " + decision.execution().getStatus());
                return ExitCode.DONE;
            }
        }
    }
}
