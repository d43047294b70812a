package io.periodclose.simulation;

import io.periodclose.period.Quarter;

import java.time.OffsetDateTime;

/**
 * One simulation of a quarter with a draft programme (SPEC §9).
 *
 * @param closeRunId       the quarter's latest completed close, whose totals are the current ones; {@code null} when
 *                         the quarter is not closed
 * @param currentProgramId the programme in force, calculated for an open quarter; {@code null} when the quarter is
 *                         closed (the close's figures are used) or when no programme of the year exists
 * @param jobExecutionId   the execution of the {@code simulate} job, {@code null} until it has begun
 */
public record Simulation(long id, Quarter quarter, String draftProgramId, String draftSha256, String draftSource,
                         Long closeRunId, String currentProgramId, String username, String channel,
                         OffsetDateTime startedAt, Long jobExecutionId) {

    public boolean closed() {
        return closeRunId != null;
    }
}
