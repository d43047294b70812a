package io.periodclose.partition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message the manager sends for each partition: which step execution to run with which worker step. Plain
 * text on the wire ({@code partition 12 345 writeQuarterStatementsWorker}) so that it reads as what it is in the
 * broker's console, carries no Java serialization, and a foreign message is refused with a reason.
 */
public record PartitionRequest(long jobExecutionId, long stepExecutionId, String stepName) {

    private static final Pattern TEXT = Pattern.compile("partition (\\d{1,18}) (\\d{1,18}) ([A-Za-z][A-Za-z0-9_.-]{0,99})");

    public PartitionRequest {
        if (stepName == null || !stepName.matches("[A-Za-z][A-Za-z0-9_.-]{0,99}")) {
            throw new IllegalArgumentException("not a step name: " + stepName);
        }
    }

    public String toText() {
        return "partition " + jobExecutionId + " " + stepExecutionId + " " + stepName;
    }

    public static PartitionRequest parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            String shown = text == null ? "nothing" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
            throw new IllegalArgumentException("not a partition request: " + shown);
        }
        return new PartitionRequest(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                matcher.group(3));
    }
}
