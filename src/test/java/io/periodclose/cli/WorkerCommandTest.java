package io.periodclose.cli;

import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operability of remote mode at start: what an operator sees when the broker is not there. */
@DatabaseTest
class WorkerCommandTest {

    @AfterEach
    void clear() {
        System.clearProperty("spring.rabbitmq.port");
        System.clearProperty("period-close.partitioning");
    }

    @Test
    void aWorkerThatCannotReachTheBrokerSaysWhereItLookedAndExits2() {
        // nothing listens on port 1
        System.setProperty("spring.rabbitmq.port", "1");
        CommandLineRun run = CommandLineRun.of("worker");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("cannot reach the message broker at amqp://localhost:1")
                .doesNotContain("\tat org.");
    }

    @Test
    void aRemoteCloseThatCannotReachTheBrokerExits2BeforeItStarts() {
        System.setProperty("spring.rabbitmq.port", "1");
        System.setProperty("period-close.partitioning", "remote");
        CommandLineRun run = CommandLineRun.of("close", "--period", "2025-Q1", "--as-of", "2025-04-05");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("cannot reach the message broker at amqp://localhost:1", "spring.rabbitmq");
    }

    @Test
    void aWorkerRefusesThreadsBelowOne() {
        CommandLineRun run = CommandLineRun.of("worker", "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--threads must be at least 1");
    }
}
