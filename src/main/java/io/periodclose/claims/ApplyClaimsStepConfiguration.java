package io.periodclose.claims;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ledger.Accounts;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.Quarter;
import io.periodclose.program.CoFunding;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 4 of the close: the quarter's claims against each distributor's bonus fund, in (claim_date, claim_id) order.
 * One item is one distributor with all its unsettled claims of the quarter, settled and posted in one transaction,
 * so a distributor is never half settled and a restart or re-close settles each claim exactly once.
 */
@Configuration(proxyBeanMethods = false)
public class ApplyClaimsStepConfiguration {

    record DistributorClaims(String distributor, String currency, List<ClaimSettlement> settlements,
                             Map<String, String> descriptions) {
    }

    private static final String UNSETTLED = """
            FROM claim c
             WHERE c.claim_date BETWEEN ? AND ?
               AND NOT EXISTS (SELECT 1 FROM claim_settlement s WHERE s.claim_id = c.claim_id)""";

    @Bean
    Step applyClaims(Partitioning partitioning, Step applyClaimsWorker, DistributorRangePartitioner claimsPartitioner) {
        return partitioning.partitioned("applyClaims", applyClaimsWorker, claimsPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner claimsPartitioner(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                  CloseRuns closeRuns, JdbcTemplate jdbc) {
        Quarter quarter = closeRuns.get(closeRunId).quarter();
        return new DistributorRangePartitioner(jdbc,
                "SELECT DISTINCT c.distributor_code " + UNSETTLED + " ORDER BY 1",
                quarter.firstDay(), quarter.lastDay());
    }

    @Bean
    Step applyClaimsWorker(JobRepository jobRepository, PeriodCloseProperties properties,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<String> claimantReader,
                           ItemProcessor<String, DistributorClaims> claimSettler,
                           ItemWriter<DistributorClaims> settlementWriter) {
        return new StepBuilder("applyClaimsWorker", jobRepository)
                .<String, DistributorClaims>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(claimantReader)
                .processor(claimSettler)
                .writer(settlementWriter)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<String> claimantReader(
            @Value("#{jobParameters['close.run']}") Long closeRunId,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            CloseRuns closeRuns, DataSource dataSource) {
        Quarter quarter = closeRuns.get(closeRunId).quarter();
        return new JdbcCursorItemReaderBuilder<String>()
                .name("claimantReader")
                // the query skips settled distributors itself, so a restart must not skip rows on top of it
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql("SELECT DISTINCT c.distributor_code " + UNSETTLED
                        + " AND c.distributor_code BETWEEN ? AND ? ORDER BY 1")
                .queryArguments(quarter.firstDay(), quarter.lastDay(), from, to)
                .rowMapper((rs, n) -> rs.getString(1))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<String, DistributorClaims> claimSettler(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                          CloseRuns closeRuns, Ledger ledger, JdbcTemplate jdbc) {
        CloseRun run = closeRuns.get(closeRunId);
        CoFunding coFunding = closeRuns.program(run).program().coFunding();
        Quarter quarter = run.quarter();
        String fund = ledger.accounts().bonusFund();
        return distributor -> {
            List<Claim> claims = new ArrayList<>();
            Map<String, String> descriptions = new HashMap<>();
            String[] currency = new String[1];
            jdbc.query("SELECT c.claim_id, c.claim_date, c.direction, c.amount, c.currency, c.description " + UNSETTLED
                    + " AND c.distributor_code = ?", rs -> {
                claims.add(new Claim(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getBigDecimal(4)));
                currency[0] = rs.getString(5);
                descriptions.put(rs.getString(1), rs.getString(3) + ": " + rs.getString(6));
            }, quarter.firstDay(), quarter.lastDay(), distributor);
            BigDecimal opening = ledger.balance(distributor, quarter.firstDay().minusDays(1));
            Map<LocalDate, BigDecimal> movements = new HashMap<>();
            jdbc.query("""
                    SELECT effective_date, sum(credit - debit) FROM ledger_line
                     WHERE account = ? AND distributor_code = ? AND effective_date BETWEEN ? AND ?
                     GROUP BY effective_date""", rs -> {
                movements.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
            }, fund, distributor, quarter.firstDay(), quarter.lastDay());
            List<ClaimSettlement> settlements = CoFundingCalculator.settle(currency[0], coFunding,
                    CoFundingCalculator.balanceBeforeSpends(opening, movements), claims);
            return new DistributorClaims(distributor, currency[0], settlements, descriptions);
        };
    }

    @Bean
    @StepScope
    ItemWriter<DistributorClaims> settlementWriter(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                   @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                                   Ledger ledger, JdbcTemplate jdbc) {
        Accounts accounts = ledger.accounts();
        return chunk -> {
            List<Posting> spends = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (DistributorClaims item : chunk) {
                for (ClaimSettlement s : item.settlements()) {
                    rows.add(new Object[]{s.claim().claimId(), closeRunId, s.share(), s.requested(), s.balanceBefore(),
                            s.covered(), s.distributorPays(), s.status().name()});
                    if (s.covered().signum() > 0) {
                        spends.add(Posting.spend(accounts, item.distributor(), item.currency(), s.claim().claimId(),
                                s.claim().claimDate(), s.covered(),
                                "Claim " + s.claim().claimId() + " " + item.descriptions().get(s.claim().claimId())));
                    }
                }
            }
            jdbc.batchUpdate("""
                    INSERT INTO claim_settlement (claim_id, close_run_id, share, requested, balance_before, covered,
                                                  distributor_pays, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            ledger.post(spends, jobExecutionId);
        };
    }
}
