package io.periodclose.cli;

import io.periodclose.delivery.Deliveries.Delivery;
import io.periodclose.delivery.Deliveries.Status;
import io.periodclose.delivery.DeliveryService;
import io.periodclose.ops.Operations.Actor;
import org.springframework.batch.core.BatchStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"E-mails each distributor its latest statement of a period as a PDF attachment (SPEC §10),",
                "over the SMTP server of spring.mail.*; the covering text is Russian, or English with --lang en.",
                "Every message is recorded: sending again, or restarting a failed send, never sends a statement",
                "twice; a re-close's statement goes out as a correction. Finance (period-close.finance-email) gets",
                "one summary per send. Prints one line per message. Exit code 3 when the server refused an address."})
class SendCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--period", required = true, paramLabel = "YYYY-Qn|YYYY",
            description = "the period: a quarter, e.g. 2026-Q3, or a year, e.g. 2026, for the annual statements")
    String period;

    @Override
    public Integer call() {
        GlobalOptions global = cli.global();
        try (Engine engine = Engine.start(global)) {
            DeliveryService service = engine.get(DeliveryService.class);
            DeliveryService.Launched launched = service.send(Actor.commandLine(), period, global.language());
            if (launched.execution().getStatus() != BatchStatus.COMPLETED) {
                return JobsCommand.report(launched.execution(), engine);
            }
            return print(service.outcome(launched.run().id()), System.out);
        }
    }

    /** One line per message, then the counts; exit code 3 when any address was refused. */
    static int print(DeliveryService.Outcome outcome, PrintStream out) {
        for (Delivery d : outcome.deliveries()) {
            out.printf("%-7s %s %s %s to %s %s%n", d.status(), d.distributor(), d.file(), d.kind(), d.address(),
                    d.status() == Status.FAILED ? d.reply() : d.messageId());
        }
        long failed = outcome.count(Status.FAILED);
        out.printf("send %d of %s: %d sent, %d failed%s; %s%n", outcome.run().id(), outcome.run().period(),
                outcome.count(Status.SENT), failed, outcome.deliveries().isEmpty() ? " (nothing left to send)" : "",
                outcome.run().summarySentAt() == null ? "no summary to finance"
                        : "summary sent to finance as " + outcome.run().summaryMessageId());
        out.flush();
        return failed > 0 ? ExitCode.REFUSED : ExitCode.DONE;
    }
}
