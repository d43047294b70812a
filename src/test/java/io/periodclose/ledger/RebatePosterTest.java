package io.periodclose.ledger;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.ProgramLoader;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.JobScopeTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.balance;
import static io.periodclose.support.LedgerAssertions.entries;
import static io.periodclose.support.LedgerAssertions.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The postRebates writer on PostgreSQL: the first close accrues, a re-close posts the signed difference. */
@DatabaseTest
class RebatePosterTest {

    private static final Quarter Q1 = Quarter.parse("2026-Q1");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    CloseRuns closeRuns;
    @Autowired
    ProgramLoader programLoader;
    @Autowired
    PeriodCloseProperties properties;
    /** The step-scoped bean of the postRebates worker step. */
    @Autowired
    RebatePoster rebatePoster;

    @BeforeEach
    void distributors() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR").distributor("D2", "SILVER", "EUR")
                .distributor("D3", "BRONZE", "EUR");
    }

    @Test
    void theFirstCloseAccruesEachPositiveBonusOnTheDayAfterTheQuarter() {
        post(run(0, "2026-04-05"), total("D1", "575.00"), total("D2", "0.00"), total("D3", "40.00"));

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .containsExactly("ACCRUAL:D1:2026-Q1", "ACCRUAL:D3:2026-Q1");
        assertThat(entry(jdbc, "ACCRUAL:D1:2026-Q1")).containsEntry("effective_date", "2026-04-01")
                .containsEntry("amount", new BigDecimal("575.0000"));
        assertThat(balance(jdbc, "D1", "2026-04-01")).isEqualByComparingTo("575.00");
        assertLedgerSound(jdbc);
    }

    @Test
    void aRedoneChunkOfTheFirstClosePostsNothingMoreAndADifferentTotalFailsLoudly() {
        CloseRun first = run(0, "2026-04-05");
        post(first, total("D1", "575.00"), total("D3", "40.00"));
        var before = entries(jdbc);

        post(first, total("D1", "575.00"), total("D2", "10.00"), total("D3", "40.00"));
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry ORDER BY 1", String.class))
                .as("the keys posted before are compared and kept, the new one written")
                .containsExactly("ACCRUAL:D1:2026-Q1", "ACCRUAL:D2:2026-Q1", "ACCRUAL:D3:2026-Q1");
        assertThat(entries(jdbc)).containsAll(before);

        assertThatThrownBy(() -> post(first, total("D1", "576.00")))
                .isInstanceOf(LedgerConflictException.class).hasMessageContaining("ACCRUAL:D1:2026-Q1");
        assertLedgerSound(jdbc);
    }

    @Test
    void aReclosePostsTheSignedDifferenceAtItsBusinessDateAndNothingWhereNothingChanged() {
        post(run(0, "2026-04-05"), total("D1", "575.00"), total("D3", "40.00"));

        post(run(1, "2026-07-05"), total("D1", "575.00"), total("D2", "10.00"), total("D3", "200.00"));
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM ledger_entry WHERE entry_type = 'ADJUSTMENT'"
                + " ORDER BY 1", String.class)).containsExactly("ADJUSTMENT:D2:2026-Q1:1", "ADJUSTMENT:D3:2026-Q1:1");
        assertThat(entry(jdbc, "ADJUSTMENT:D3:2026-Q1:1")).containsEntry("effective_date", "2026-07-05")
                .containsEntry("amount", new BigDecimal("160.0000"));
        assertThat(balance(jdbc, "D3", "2026-07-05")).isEqualByComparingTo("200.00");

        post(run(2, "2026-07-06"), total("D3", "40.00"));
        assertThat(entry(jdbc, "ADJUSTMENT:D3:2026-Q1:2")).containsEntry("amount", new BigDecimal("160.0000"));
        assertThat(balance(jdbc, "D3", "2026-07-06")).as("a negative difference is debited")
                .isEqualByComparingTo("40.00");

        var before = entries(jdbc);
        post(run(3, "2026-07-07"), total("D1", "575.00"), total("D2", "10.00"), total("D3", "40.00"));
        assertThat(entries(jdbc)).as("a re-close with nothing changed posts nothing").isEqualTo(before);
        assertLedgerSound(jdbc);
    }

    @Test
    void theStepsWriterPostsForTheCloseRunOfItsJobExecution() throws Exception {
        post(run(0, "2026-04-05"), total("D1", "575.00"));
        CloseRun reclose = run(1, "2026-07-05");
        JobExecution job = MetaDataInstanceFactory.createJobExecution("close", 11L, 77L, new JobParametersBuilder()
                .addLong(CloseJobParameters.CLOSE_RUN, reclose.id()).toJobParameters());
        StepExecution step = MetaDataInstanceFactory.createStepExecution(job, "postRebatesWorker:partition0", 78L);

        JobScopeTestUtils.doInJobScope(job, () -> StepScopeTestUtils.doInStepScope(step, () -> {
            rebatePoster.write(Chunk.of(total("D1", "600.00")));
            return null;
        }));

        assertThat(jdbc.queryForMap("SELECT idempotency_key, amount, job_execution_id FROM ledger_entry"
                + " WHERE entry_type = 'ADJUSTMENT'")).containsEntry("idempotency_key", "ADJUSTMENT:D1:2026-Q1:1")
                .containsEntry("amount", new BigDecimal("25.0000")).containsEntry("job_execution_id", 77L);
    }

    private CloseRun run(int sequence, String businessDate) {
        return closeRuns.create(Q1, sequence, LocalDate.parse(businessDate),
                programLoader.load(properties.programs(), Q1.year()));
    }

    private void post(CloseRun run, RebateTotal... totals) {
        new RebatePoster(ledger, run, 1L).write(Chunk.of(totals));
    }

    private static RebateTotal total(String distributor, String total) {
        return new RebateTotal(distributor, "EUR", new BigDecimal(total));
    }
}
