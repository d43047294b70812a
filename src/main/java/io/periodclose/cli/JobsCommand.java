package io.periodclose.cli;

import io.periodclose.approval.Approval;
import io.periodclose.approval.ApprovalGate;
import io.periodclose.approval.Approvals;
import io.periodclose.approval.AwaitingApprovalListener;
import io.periodclose.ops.Commands;
import io.periodclose.ops.JobHistory;
import io.periodclose.ops.JobHistory.ExecutionRow;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.PartitionSteps;
import io.periodclose.statement.RefusedStatements;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.Callable;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "What admins need to see and restart runs: list, show, restart, stop, abandon.",
        subcommands = {JobsCommand.List.class, JobsCommand.Show.class, JobsCommand.Restart.class,
                JobsCommand.Stop.class, JobsCommand.Abandon.class})
class JobsCommand implements Runnable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    @ParentCommand
    PeriodCloseCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: list, show ID, restart ID, stop ID or abandon ID");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Job executions, newest first.")
    static class List implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
                description = "table for people (default), csv for scripts: "
                        + "execution_id,job,period,status,started,ended,exit_code")
        String format;

        @Option(names = "--limit", defaultValue = "50", description = "How many executions (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("table") && !format.equals("csv")) {
                throw new io.periodclose.BadInputException("--format must be table or csv, not " + format);
            }
            try (Engine engine = Engine.startReports(jobs.cli.global())) {
                java.util.List<ExecutionRow> rows = engine.get(JobHistory.class).newestFirst(limit);
                if (format.equals("csv")) {
                    printCsv(rows, System.out);
                } else {
                    printTable(rows, System.out);
                }
            }
            return ExitCode.DONE;
        }

        private static void printCsv(java.util.List<ExecutionRow> rows, PrintStream out) throws IOException {
            // text cells neutralised against formula injection, like every CSV the product writes
            io.periodclose.csv.SafeCsv csv = io.periodclose.csv.SafeCsv.printer(out, "execution_id", "job", "period",
                    "status", "started", "ended", "exit_code");
            for (ExecutionRow row : rows) {
                csv.record(row.executionId(), row.job(), row.period(), row.status(), time(row.started()),
                        time(row.ended()), row.exitCode());
            }
            csv.flush();
        }

        private static void printTable(java.util.List<ExecutionRow> rows, PrintStream out) {
            if (rows.isEmpty()) {
                out.println("No job has run yet.");
                return;
            }
            String format = "%6s  %-8s  %-9s  %-10s  %-19s  %9s  %s%n";
            out.printf(format, "ID", "JOB", "PERIOD", "STATUS", "STARTED", "DURATION", "SUBJECT");
            for (ExecutionRow row : rows) {
                out.printf(format, row.executionId(), row.job(), row.period(), row.status(), time(row.started()),
                        duration(row.started(), row.ended()), row.subject());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One execution: parameters, steps and partitions with their counts, the worker (HOST:PID) that"
                    + " ran each partition, and exit messages.")
    static class Show implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "ID", description = "the execution id, as jobs list shows it")
        long executionId;

        @Override
        public Integer call() {
            try (Engine engine = Engine.startReports(jobs.cli.global())) {
                JobExecution execution = JobRuns.execution(engine.get(JobRepository.class), executionId);
                print(execution, engine.get(Commands.class), System.out);
                engine.get(Approvals.class).forExecution(executionId).ifPresent(approval -> printApproval(approval,
                        System.out));
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Restarts a failed or stopped execution exactly where it ended.",
                    "An execution left STARTED by a process that died is recovered first."})
    static class Restart implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "ID")
        long executionId;

        @Override
        public Integer call() {
            try (Engine engine = Engine.start(jobs.cli.global())) {
                JobExecution execution = engine.get(JobRuns.class).restart(executionId);
                return report(execution, engine);
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Asks a running execution to stop at its next chunk boundary (restartable).")
    static class Stop implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "ID")
        long executionId;

        @Override
        public Integer call() {
            try (Engine engine = Engine.start(jobs.cli.global())) {
                JobExecution execution = engine.get(JobRuns.class).stop(executionId);
                System.out.println("execution " + executionId + " is " + execution.getStatus()
                        + "; it stops at its next chunk boundary");
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "abandon", mixinStandardHelpOptions = true,
            description = "Gives up a failed or stopped execution for good: it can no longer be restarted.")
    static class Abandon implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "ID")
        long executionId;

        @Override
        public Integer call() {
            try (Engine engine = Engine.start(jobs.cli.global())) {
                JobExecution execution = engine.get(JobRuns.class).abandon(executionId);
                System.out.println("execution " + executionId + " is " + execution.getStatus());
            }
            return ExitCode.DONE;
        }
    }

    static int report(JobExecution execution, Engine engine) {
        return report(execution, engine.get(Commands.class), engine.get(Approvals.class));
    }

    /**
     * Prints how a run ended; a run that did not complete names the exact command that restarts it, one that stopped
     * for approval its totals per currency and the commands that approve or reject it (exit code 4).
     */
    static int report(JobExecution execution, Commands commands, Approvals approvals) {
        if (AwaitingApprovalListener.awaiting(execution)) {
            Approval approval = approvals.forExecution(execution.getId()).orElseThrow();
            System.out.println(execution.getJobInstance().getJobName() + " " + ApprovalGate.AWAITING_APPROVAL
                    + " (execution " + execution.getId() + "): the figures of " + approval.period()
                    + " wait for approval; nothing is posted");
            System.out.println("totals per currency (launched by " + approval.launchedBy() + "):");
            approval.totals().forEach((currency, total) ->
                    System.out.println("  " + currency + " " + total.toPlainString()));
            System.out.println("approve: " + commands.approve(approval.period()));
            System.out.println("reject:  " + commands.reject(approval.period()));
            return ExitCode.AWAITING_APPROVAL;
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            java.util.Optional<String> refused = RefusedStatements.in(execution);
            System.out.println(execution.getJobInstance().getJobName() + " completed (execution "
                    + execution.getId() + ")" + refused.map(r -> ", but " + firstLine(r)).orElse(""));
            // the books are done and every other statement issued: still exit 0, the refusals on stderr too
            refused.ifPresent(r -> {
                System.err.println("warning: " + r.replace("\n", "\n  "));
                System.err.println("details: " + commands.show(execution.getId()));
            });
            return ExitCode.DONE;
        }
        System.err.println(execution.getJobInstance().getJobName() + " " + execution.getStatus()
                + " (execution " + execution.getId() + "): " + FailureCause.of(execution));
        System.err.println("details: " + commands.show(execution.getId()));
        System.err.println("restart: " + commands.restart(execution.getId()));
        return ExitCode.JOB_FAILED;
    }

    static void print(JobExecution execution, Commands commands, PrintStream out) {
        out.printf("execution %d  %s  %s%n", execution.getId(), execution.getJobInstance().getJobName(),
                execution.getStatus());
        out.printf("  parameters: %s%n", String.join(", ", execution.getJobParameters().parameters().stream()
                .map(p -> p.name() + "=" + p.value()).sorted().toList()));
        out.printf("  started %s, ended %s, took %s%n", time(execution.getStartTime()), time(execution.getEndTime()),
                duration(execution.getStartTime(), execution.getEndTime()));
        out.printf("  exit: %s %s%n", execution.getExitStatus().getExitCode(),
                execution.getExitStatus().getExitDescription());
        out.println("  steps:");
        String format = "    %-36s %-10s %9s %9s %9s %7s %8s %9s  %-24s  %s%n";
        out.printf(format, "STEP", "STATUS", "READ", "WRITTEN", "FILTERED", "SKIPPED", "COMMITS", "ROLLBACKS", "WORKER",
                "EXIT");
        execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).forEach(step ->
                out.printf(format, step.getStepName(), step.getStatus(), step.getReadCount(), step.getWriteCount(),
                        step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(),
                        worker(step),
                        step.getExitStatus().getExitCode() + " " + step.getExitStatus().getExitDescription()));
        if (execution.getStatus() != BatchStatus.COMPLETED && execution.getStatus() != BatchStatus.ABANDONED
                && !execution.getStatus().isRunning()) {
            out.println("  restart: " + commands.restart(execution.getId()));
        }
    }

    /** The run's approval (SPEC §9): who launched it, who decided, when, and the figures. */
    static void printApproval(Approval approval, PrintStream out) {
        out.printf("  approval: %s%n", approval.describe());
        out.printf("    totals %s; figures sha256 %s%n", approval.totalsText(), approval.figuresSha256());
    }

    /** A partition's worker, "-" for a partition run before workers were recorded; nothing for other steps. */
    private static String worker(StepExecution step) {
        if (!PartitionSteps.isPartition(step)) {
            return "";
        }
        return PartitionSteps.worker(step).orElse("-");
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String time(LocalDateTime time) {
        return time == null ? "" : TIME.format(time);
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return d.toMinutes() > 0 ? "%dm%02ds".formatted(d.toMinutes(), d.toSecondsPart())
                : "%d.%01ds".formatted(d.toSeconds(), d.toMillisPart() / 100);
    }
}
