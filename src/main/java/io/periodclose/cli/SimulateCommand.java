package io.periodclose.cli;

import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.Quarter;
import io.periodclose.simulation.Simulation;
import io.periodclose.simulation.SimulationReport;
import io.periodclose.simulation.SimulationReport.RungCount;
import io.periodclose.simulation.SimulationReport.Summary;
import io.periodclose.simulation.SimulationReport.Total;
import io.periodclose.simulation.SimulationService;
import io.periodclose.simulation.Simulations;
import org.springframework.batch.core.BatchStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Calculates a quarter with a draft programme and compares it with the close (SPEC §9).",
                "Posts nothing and changes no state. Prints CSV distributor_code,currency,turnover,current_total,",
                "simulated_total,difference (current_total empty when the quarter is not closed) and, on stderr,",
                "the totals per currency and how many distributors sit on each rung under both programmes."})
class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    PeriodCloseCli cli;

    @Option(names = "--period", required = true, paramLabel = "YYYY-Qn", converter = CloseCommand.QuarterConverter.class,
            description = "the quarter, e.g. 2026-Q3; closed or not")
    Quarter period;

    @Option(names = "--programs", required = true, paramLabel = "DIR",
            description = "the folder holding the draft programme <year>.yml (the programme in force stays where"
                    + " the global --programs says)")
    Path programs;

    @Override
    public Integer call() {
        try (Engine engine = Engine.start(cli.global())) {
            SimulationService.Launched launched = engine.get(SimulationService.class)
                    .simulate(Actor.commandLine(), period, programs);
            if (launched.execution().getStatus() != BatchStatus.COMPLETED) {
                return JobsCommand.report(launched.execution(), engine);
            }
            Simulation simulation = launched.simulation();
            SimulationReport report = engine.get(SimulationReport.class);
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            report.csv(simulation, out);
            out.flush();
            printSummary(report.summary(simulation, engine.get(Simulations.class).programs(simulation)),
                    System.err);
            return ExitCode.DONE;
        }
    }

    static void printSummary(Summary summary, PrintStream err) {
        Simulation s = summary.simulation();
        err.printf("simulation %d of %s (execution %d): draft %s from %s, compared with %s%n", s.id(), s.quarter(),
                s.jobExecutionId(), s.draftProgramId(), s.draftSource(), s.closed()
                        ? "the close of " + s.quarter() + " (close run " + s.closeRunId() + ")"
                        : s.currentProgramId() != null
                        ? "the programme in force " + s.currentProgramId() + " (" + s.quarter() + " is not closed)"
                        : "nothing (" + s.quarter() + " is not closed and has no programme in force)");
        err.println("totals per currency:");
        err.printf("  %-8s %16s %16s %16s%n", "currency", s.closed() ? "current" : "in force", "simulated",
                "difference");
        for (Total t : summary.totals()) {
            err.printf("  %-8s %16s %16s %16s%n", t.currency(), SimulationReport.format(t.current(), t.currency()),
                    SimulationReport.format(t.simulated(), t.currency()),
                    SimulationReport.format(t.difference(), t.currency()));
        }
        String ladder = null;
        for (RungCount r : summary.rungs()) {
            if (!r.ladder().equals(ladder)) {
                ladder = r.ladder();
                err.printf("distributors per %s rung:%n  %-8s %16s %16s%n", ladder, "rung",
                        s.closed() ? "current" : "in force", "simulated");
            }
            err.printf("  %-8s %16s %16d%n", r.label(), summary.compared() ? Long.toString(r.current()) : "",
                    r.simulated());
        }
        err.flush();
    }
}
