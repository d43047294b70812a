package io.periodclose.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCauseTest {

    @Test
    void aStoredStackTraceGivesItsFirstLineAndItsRootCause() {
        String stored = """
                org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
                \tat org.springframework.batch.core.step.item.ChunkOrientedStep.doExecute(ChunkOrientedStep.java:1)
                Caused by: java.lang.IllegalStateException: wrapper
                \tat x.y(Z.java:2)
                Caused by: org.postgresql.util.PSQLException: ERROR: injected failure
                  Where: PL/pgSQL function refuse_inv7() line 2 at RAISE
                \tat x.y(Z.java:3)
                """;
        assertThat(FailureCause.stored(stored)).isEqualTo("org.springframework.batch.core.step.FatalStepExecutionException:"
                + " Unable to process chunk: PSQLException: ERROR: injected failure");
        assertThat(FailureCause.stored("java.io.IOException: disk full\n\tat x.y(Z.java:1)\n"))
                .isEqualTo("java.io.IOException: disk full");
        assertThat(FailureCause.stored("")).isEmpty();
    }
}
