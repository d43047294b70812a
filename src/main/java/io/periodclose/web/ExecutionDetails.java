package io.periodclose.web;

import io.periodclose.ops.PartitionSteps;
import io.periodclose.period.CloseJobParameters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * An execution as its page and the API show it: parameters, then each step with its partitions right after it,
 * with the counts Spring Batch keeps and, for a partition, the worker ({@code HOST:PID}) that ran it (null when the
 * execution predates that record), and how far a running execution has come.
 */
public record ExecutionDetails(long id, String job, String status, String exitCode, String exitDescription,
                               LocalDateTime created, LocalDateTime started, LocalDateTime ended,
                               List<Parameter> parameters, List<Step> steps, Progress progress,
                               boolean running, boolean restartable, boolean abandonable) {

    public record Parameter(String name, String value, String type, boolean identifying) {
    }

    public record Step(long id, String name, boolean partition, String status, long read, long written,
                       long filtered, long readSkips, long processSkips, long writeSkips, long commits,
                       long rollbacks, LocalDateTime started, LocalDateTime ended, String exitCode,
                       String exitDescription, String worker) {

        public long skips() {
            return readSkips + processSkips + writeSkips;
        }
    }

    /** Steps finished of those started so far; for partitioned steps, the partitions done. */
    public record Progress(int stepsDone, int stepsStarted, int partitionsDone, int partitions, long itemsRead,
                           long itemsWritten) {
    }

    public static ExecutionDetails of(JobExecution execution) {
        List<Step> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparing(ExecutionDetails::order))
                .map(step -> new Step(step.getId(), step.getStepName(), PartitionSteps.isPartition(step),
                        step.getStatus().name(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
                        step.getReadSkipCount(), step.getProcessSkipCount(), step.getWriteSkipCount(),
                        step.getCommitCount(), step.getRollbackCount(), step.getStartTime(), step.getEndTime(),
                        step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription(),
                        PartitionSteps.worker(step).orElse(null)))
                .toList();
        List<Step> managers = steps.stream().filter(step -> !step.partition()).toList();
        List<Step> partitions = steps.stream().filter(Step::partition).toList();
        Progress progress = new Progress(
                (int) managers.stream().filter(step -> !isRunning(step.status())).count(), managers.size(),
                (int) partitions.stream().filter(step -> !isRunning(step.status())).count(), partitions.size(),
                partitions.isEmpty() ? managers.stream().mapToLong(Step::read).sum()
                        : partitions.stream().mapToLong(Step::read).sum(),
                partitions.isEmpty() ? managers.stream().mapToLong(Step::written).sum()
                        : partitions.stream().mapToLong(Step::written).sum());
        BatchStatus status = execution.getStatus();
        List<Parameter> parameters = execution.getJobParameters().parameters().stream()
                .map(p -> new Parameter(p.name(), String.valueOf(p.value()), p.type().getSimpleName(),
                        p.identifying()))
                .sorted(Comparator.comparing(Parameter::name))
                .toList();
        return new ExecutionDetails(execution.getId(), execution.getJobInstance().getJobName(), status.name(),
                execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(),
                execution.getCreateTime(), execution.getStartTime(), execution.getEndTime(), parameters, steps,
                progress, status.isRunning(),
                status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status.isRunning(),
                status != BatchStatus.COMPLETED && status != BatchStatus.ABANDONED);
    }

    /** The identifying period (or year) the execution is about, if any. */
    public String period() {
        return parameters.stream().filter(p -> p.name().equals(CloseJobParameters.PERIOD)).map(Parameter::value).findFirst()
                .orElse("");
    }

    private static boolean isRunning(String status) {
        return BatchStatus.valueOf(status).isRunning();
    }

    /** A partition sorts right after its manager step: "calculateRebatesWorker:partition1" after "calculateRebates". */
    private static String order(StepExecution step) {
        String name = step.getStepName();
        if (PartitionSteps.isPartition(step)) {
            String manager = name.substring(0, name.indexOf(':')).replaceFirst("Worker$", "");
            return managerKey(step, manager) + "|" + name;
        }
        return managerKey(step, name) + "|";
    }

    private static String managerKey(StepExecution step, String managerName) {
        return step.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(managerName))
                .findFirst()
                .map(s -> String.format("%020d", s.getId()))
                .orElse(String.format("%020d", step.getId()));
    }
}
