package io.periodclose.expiry;

import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.Quarter;
import io.periodclose.support.Books;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.periodclose.support.LedgerAssertions.assertLedgerSound;
import static io.periodclose.support.LedgerAssertions.balance;
import static io.periodclose.support.LedgerAssertions.entries;
import static io.periodclose.support.LedgerAssertions.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The expire job's writer and year lock on PostgreSQL. */
@DatabaseTest
class YearEndStepsTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    /** The step-scoped bean of the lockYear step. */
    @Autowired
    LockYear yearLock;

    @BeforeEach
    void aBalanceOf600() {
        Books.wipe(jdbc);
        new Fixtures(jdbc).distributor("D1", "GOLD", "EUR");
        ledger.post(List.of(Posting.accrual(ledger.accounts(), "D1", "EUR", Quarter.parse("2026-Q1"),
                new BigDecimal("600.00"))), 1L);
    }

    @Test
    void theExpiryPosterLetsTheWholeBalanceLapseOn31DecemberOnce() {
        ExpiryPoster poster = new ExpiryPoster(ledger, 2026, 5L);
        Chunk<Balance> balances = Chunk.of(new Balance("D1", "EUR", new BigDecimal("600.0000")));

        poster.write(balances);
        var after = entries(jdbc);
        poster.write(balances);

        assertThat(entry(jdbc, "EXPIRY:D1:2026")).containsEntry("effective_date", "2026-12-31")
                .containsEntry("amount", new BigDecimal("600.0000"));
        assertThat(balance(jdbc, "D1", "2026-12-31")).isEqualByComparingTo("0");
        assertThat(entries(jdbc)).as("a redone chunk posts nothing more").isEqualTo(after);
        assertLedgerSound(jdbc);
    }

    @Test
    void lockYearLocksTheYearOfTheJobAndARestartKeepsTheFirstLock() throws Exception {
        var parameters = new JobParametersBuilder().addLong(CloseJobParameters.YEAR, 2026L).toJobParameters();
        StepExecution first = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("expire", 1L, 41L, parameters), "lockYear", 1L);
        StepExecution restart = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("expire", 1L, 42L, parameters), "lockYear", 2L);

        lock(first);
        lock(restart);

        assertThat(jdbc.queryForList("SELECT year, job_execution_id FROM year_lock"))
                .containsExactly(Map.of("year", 2026, "job_execution_id", 41L));
    }

    private void lock(StepExecution step) throws Exception {
        StepScopeTestUtils.doInStepScope(step, () -> yearLock.execute(new StepContribution(step),
                new ChunkContext(new StepContext(step))));
    }
}
