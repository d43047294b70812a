package io.periodclose.cli;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cause of a failed run in one line. A partitioned step fails with "Partition handler returned an unsuccessful
 * step", which says nothing: the cause is the failure of the partition that did the work, and that failure's own
 * root cause (the write error, the refused row) is what an operator has to fix.
 */
final class FailureCause {

    private static final String PARTITION = ":partition";

    private FailureCause() {
    }

    static String of(JobExecution execution) {
        List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
        steps.sort(Comparator.comparing(StepExecution::getId, Comparator.nullsLast(Comparator.naturalOrder())));
        // the partitions (workers) first: their failures are the real ones, the manager's only reports them
        List<StepExecution> ordered = new ArrayList<>(steps.stream().filter(FailureCause::isPartition).toList());
        ordered.addAll(steps.stream().filter(step -> !isPartition(step)).toList());
        for (StepExecution step : ordered) {
            if (!step.getFailureExceptions().isEmpty()) {
                return describe(step.getFailureExceptions().get(0));
            }
        }
        if (!execution.getFailureExceptions().isEmpty()) {
            return describe(execution.getFailureExceptions().get(0));
        }
        // an execution read back from the job repository has only the stored exit descriptions
        return ordered.stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED)
                .map(step -> stored(step.getExitStatus().getExitDescription()))
                .filter(line -> !line.isEmpty())
                .findFirst()
                .orElseGet(() -> stored(execution.getExitStatus().getExitDescription()));
    }

    /**
     * A stored exit description is the failure's stack trace: its first line, and the last "Caused by" (the root
     * cause, e.g. the database's own error) when there is one, shortened as {@link #describe} does.
     */
    static String stored(String exitDescription) {
        String first = firstLine(exitDescription);
        if (first.isEmpty()) {
            return first;
        }
        int caused = exitDescription.lastIndexOf("Caused by: ");
        if (caused < 0) {
            return first;
        }
        String root = firstLine(exitDescription.substring(caused + "Caused by: ".length()));
        int colon = root.indexOf(": ");
        String type = colon < 0 ? root : root.substring(0, colon);
        String simple = type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : root.substring(colon));
        return first.contains(simple) ? first : first + ": " + simple;
    }

    /** The failure's message and, when it adds something, its root cause's ("SimpleName: message"). */
    static String describe(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable root = chain.get(chain.size() - 1);
        // Spring Batch's wrappers ("Unable to process chunk", ...) say where it failed, not why
        Throwable top = chain.stream().filter(t -> !t.getClass().getName().startsWith("org.springframework.batch."))
                .findFirst().orElse(root);
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
        String message = firstLine(top.getMessage());
        if (top == root || message.isEmpty()) {
            return message.isEmpty() ? cause : message;
        }
        if (root.getMessage() != null && message.contains(firstLine(root.getMessage()))) {
            return message;
        }
        return message + ": " + cause;
    }

    private static boolean isPartition(StepExecution step) {
        return step.getStepName().contains(PARTITION);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
