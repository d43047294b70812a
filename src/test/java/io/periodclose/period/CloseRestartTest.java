package io.periodclose.period;

import io.periodclose.RefusedException;
import io.periodclose.generate.DataSetGenerator;
import io.periodclose.importing.ImportService;
import io.periodclose.ops.JobRuns;
import io.periodclose.support.Books;
import io.periodclose.support.InjectedFailure;
import io.periodclose.support.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault injection: the close fails in the middle of the calculation, for the next quarter in the middle of posting,
 * and for the one after in the middle of applying the claims; each is restarted with one command and the ledger and
 * the claim settlements end up equal, row for row, to a clean run's.
 */
@DatabaseTest
@TestPropertySource(properties = "period-close.import-chunk-size=1000")
class CloseRestartTest {

    @TempDir
    static Path data;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportService imports;
    @Autowired
    CloseService closes;
    @Autowired
    JobRuns jobRuns;

    @BeforeAll
    static void dataSet() throws Exception {
        new DataSetGenerator(new DataSetGenerator.Settings(200, 3000, 2026, 2, 7)).writeTo(data);
    }

    @Test
    void aRestartedCloseLeavesTheSameLedgerAsACleanRun() {
        freshBooks();
        completed(closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false));
        completed(closes.close(Quarter.parse("2025-Q2"), LocalDate.parse("2025-07-05"), false));
        completed(closes.close(Quarter.parse("2025-Q3"), LocalDate.parse("2025-10-05"), false));
        List<String> clean = entries(jdbc);
        List<String> cleanSettlements = settlements();
        assertThat(clean).hasSizeGreaterThan(200);
        assertThat(cleanSettlements).hasSizeGreaterThan(100);

        freshBooks();
        InjectedFailure failure = InjectedFailure.on(jdbc, "rebate", "NEW.distributor_code = 'D000150'");
        JobExecution failedCalculation = closes.close(Quarter.parse("2025-Q1"), LocalDate.parse("2025-04-05"), false);
        assertThat(failedCalculation.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate", Long.class))
                .as("the other partition and the failed one's earlier chunks are committed").isBetween(100L, 199L);
        failure.close();
        JobExecution restarted = jobRuns.restart(failedCalculation.getId());
        completed(restarted);
        assertThat(stepNames(restarted)).as("completed steps and partitions are not redone")
                .doesNotContain("extractTurnover", "calculateRebatesWorker:partition0")
                .contains("calculateRebatesWorker:partition1", "postRebates", "markClosed");

        failure = InjectedFailure.on(jdbc, "ledger_entry", "NEW.idempotency_key = 'ACCRUAL:D000150:2025-Q2'");
        JobExecution failedPosting = closes.close(Quarter.parse("2025-Q2"), LocalDate.parse("2025-07-05"), false);
        assertThat(failedPosting.getStatus()).isEqualTo(BatchStatus.FAILED);
        failure.close();
        completed(jobRuns.restart(failedPosting.getId()));

        // a claim of a distributor in the middle of 2025-Q3's claimants, so that chunks commit before it fails
        String claim = jdbc.queryForObject("""
                SELECT min(claim_id) FROM claim WHERE claim_date BETWEEN '2025-07-01' AND '2025-09-30'
                   AND distributor_code = (SELECT DISTINCT distributor_code FROM claim
                                            WHERE claim_date BETWEEN '2025-07-01' AND '2025-09-30'
                                            ORDER BY 1 OFFSET 40 LIMIT 1)""", String.class);
        failure = InjectedFailure.on(jdbc, "claim_settlement", "NEW.claim_id = '" + claim + "'");
        JobExecution failedClaims = closes.close(Quarter.parse("2025-Q3"), LocalDate.parse("2025-10-05"), false);
        assertThat(failedClaims.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM claim_settlement s JOIN claim c USING (claim_id)"
                + " WHERE c.claim_date BETWEEN '2025-07-01' AND '2025-09-30'", Long.class))
                .as("the chunks settled before the failure are committed").isBetween(1L, cleanSettlements.size() - 1L);
        failure.close();
        JobExecution restartedClaims = jobRuns.restart(failedClaims.getId());
        completed(restartedClaims);
        assertThat(stepNames(restartedClaims)).as("completed steps are not redone")
                .doesNotContain("extractTurnover", "calculateRebates", "postRebates").contains("applyClaims");

        assertThatThrownBy(() -> jobRuns.abandon(restartedClaims.getId())).isInstanceOf(RefusedException.class)
                .hasMessage("execution " + restartedClaims.getId() + " is COMPLETED; only a failed or stopped execution"
                        + " can be abandoned");

        assertThat(entries(jdbc)).isEqualTo(clean);
        assertThat(settlements()).isEqualTo(cleanSettlements);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebate r JOIN close_run c ON c.id = r.close_run_id"
                + " WHERE c.period = '2025-Q1'", Long.class)).isEqualTo(200);
        assertLedgerSound(jdbc);
    }

    /** Every claim's settlement, without the close run that made it. */
    private List<String> settlements() {
        return jdbc.queryForList("SELECT concat_ws(' ', claim_id, share, requested, balance_before, covered,"
                + " distributor_pays, status) FROM claim_settlement ORDER BY claim_id", String.class);
    }

    private void freshBooks() {
        Books.freshWith(jdbc, imports, data);
    }

    private static List<String> stepNames(JobExecution execution) {
        return execution.getStepExecutions().stream().map(StepExecution::getStepName).toList();
    }

    private static void completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
                .isEqualTo(BatchStatus.COMPLETED);
    }
}
