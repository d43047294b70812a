package io.periodclose.cli;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A programme holding rules of SPEC §8 this version does not compute is refused, never silently paid without. */
@DatabaseTest
class ProgramRulesNotYetAppliedTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCloseWhoseProgrammeHasAnEarlyPaymentRebateIsRefusedNamingTheSection(@TempDir Path programs) throws Exception {
        Books.wipe(jdbc);
        String programme = Files.readString(Path.of("src/test/resources/programs/2026.yml"));
        Files.writeString(programs.resolve("2026.yml"), programme + "\nearly-payment:\n  days: 10\n  rate: 0.5\n");

        CommandLineRun run = CommandLineRun.of("--programs", programs.toString(), "close", "--period", "2026-Q1",
                "--as-of", "2026-04-05");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("2026.yml", "early-payment", "does not compute it yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM close_run", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Integer.class)).isZero();
    }
}
