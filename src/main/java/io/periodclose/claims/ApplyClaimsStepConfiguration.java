package io.periodclose.claims;

import io.periodclose.database.AsynchronousChunkCommit;
import io.periodclose.ledger.Ledger;
import io.periodclose.period.CloseRun;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.Quarter;
import io.periodclose.period.StepScopedItems;
import io.periodclose.program.BonusProgram;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Step 4 of the close: the quarter's claims against each distributor's bonus fund, in (claim_date, claim_id) order.
 * An item is a distributor with claims in the quarter. A chunk of them is settled and posted in one transaction
 * ({@link ClaimSettler}), so a distributor is never half settled and a restart or re-close settles each claim
 * exactly once.
 */
@Configuration(proxyBeanMethods = false)
public class ApplyClaimsStepConfiguration {

    /**
     * The distributors with claims dated inside the quarter, settled or not. Deliberately no anti-join with
     * {@code claim_settlement}: that table grows while the step runs, and a plan made when it was small (a nested
     * loop over it) turns quadratic. Settled claims are skipped by the writer instead, with one lookup per chunk.
     */
    private static final String CLAIMANTS = """
            SELECT DISTINCT c.distributor_code FROM claim c WHERE c.claim_date BETWEEN ? AND ?""";

    @Bean
    Step applyClaims(Partitioning partitioning, Step applyClaimsWorker, DistributorRangePartitioner claimsPartitioner) {
        return partitioning.partitioned("applyClaims", applyClaimsWorker, claimsPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner claimsPartitioner(CloseRun closeRun, JdbcTemplate jdbc) {
        Quarter quarter = closeRun.quarter();
        return new DistributorRangePartitioner(jdbc, CLAIMANTS + " ORDER BY 1", quarter.firstDay(), quarter.lastDay());
    }

    @Bean
    Step applyClaimsWorker(JobRepository jobRepository,
                           @Value("${period-close.claims-chunk-size:${period-close.close-chunk-size:1000}}") int chunkSize,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<String> claimantReader,
                           ClaimSettler claimSettler,
                           AsynchronousChunkCommit asynchronousChunkCommit) {
        return new StepBuilder("applyClaimsWorker", jobRepository)
                .<String, String>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(claimantReader))
                .writer(StepScopedItems.writer(claimSettler))
                .listener(asynchronousChunkCommit)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<String> claimantReader(
            CloseRun closeRun,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            DataSource dataSource) {
        Quarter quarter = closeRun.quarter();
        return new JdbcCursorItemReaderBuilder<String>()
                .name("claimantReader")
                // a restart reads its range again from the start; the writer skips what is settled already
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql(CLAIMANTS + " AND c.distributor_code BETWEEN ? AND ? ORDER BY 1")
                .queryArguments(quarter.firstDay(), quarter.lastDay(), from, to)
                .rowMapper((rs, n) -> rs.getString(1))
                .build();
    }

    @Bean
    @StepScope
    ClaimSettler claimSettler(CloseRun closeRun, BonusProgram closeProgram,
                              @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                              Ledger ledger, SettlementWriter settlementWriter, JdbcTemplate jdbc) {
        return new ClaimSettler(jdbc, settlementWriter, ledger, closeRun, closeProgram.coFunding(), jobExecutionId);
    }
}
