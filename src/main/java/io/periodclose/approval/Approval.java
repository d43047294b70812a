package io.periodclose.approval;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * A run's approval (SPEC §9): what stopped for approval ({@code job} close or expire, the period or year, the close
 * run of a close), who launched it, the figures as calculated, and who approved or rejected it, when, and why.
 */
public record Approval(long id, String job, String period, Long closeRunId, long jobInstanceId, long jobExecutionId,
                       String launchedBy, OffsetDateTime requestedAt, String figuresSha256,
                       SortedMap<String, BigDecimal> totals, Status status, String decidedBy,
                       OffsetDateTime decidedAt, String reason) {

    public enum Status { PENDING, APPROVED, REJECTED }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public boolean pending() {
        return status == Status.PENDING;
    }

    public boolean approved() {
        return status == Status.APPROVED;
    }

    /** "EUR 1234.50, JPY 5000": the totals per currency, as the approver saw them. */
    public String totalsText() {
        if (totals.isEmpty()) {
            return "nothing";
        }
        return totals.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining(", "));
    }

    /** The decision's time in the server's zone, as the statements and pages print it. */
    public String decidedAtText() {
        return decidedAt == null ? "" : WHEN.format(decidedAt.atZoneSameInstant(ZoneId.systemDefault()));
    }

    /** One line for people: "approved by B on 2026-04-03 10:15 (launched by A)". */
    public String describe() {
        return switch (status) {
            case PENDING -> "awaiting approval since "
                    + WHEN.format(requestedAt.atZoneSameInstant(ZoneId.systemDefault()))
                    + " (launched by " + launchedBy + ")";
            case APPROVED -> "approved by " + decidedBy + " on " + decidedAtText()
                    + " (launched by " + launchedBy + ")";
            case REJECTED -> "rejected by " + decidedBy + " on " + decidedAtText() + ": " + reason
                    + " (launched by " + launchedBy + ")";
        };
    }
}
