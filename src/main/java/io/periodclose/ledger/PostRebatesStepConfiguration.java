package io.periodclose.ledger;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 3 of the close: each distributor's bonus into the ledger, partitioned like the calculation. The first close
 * posts the ACCRUAL of the total; a re-close posts only the signed difference to what was credited so far, as an
 * ADJUSTMENT at its business date, and nothing when nothing changed. Idempotency keys make a redone chunk harmless.
 */
@Configuration(proxyBeanMethods = false)
public class PostRebatesStepConfiguration {

    record RebateTotal(String distributor, String currency, BigDecimal total) {
    }

    @Bean
    Step postRebates(Partitioning partitioning, Step postRebatesWorker, DistributorRangePartitioner rebatePartitioner) {
        return partitioning.partitioned("postRebates", postRebatesWorker, rebatePartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner rebatePartitioner(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                                  JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc,
                "SELECT distributor_code FROM rebate WHERE close_run_id = ? ORDER BY distributor_code", closeRunId);
    }

    @Bean
    Step postRebatesWorker(JobRepository jobRepository, PeriodCloseProperties properties,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<RebateTotal> rebateTotalReader, ItemWriter<RebateTotal> rebatePoster) {
        return new StepBuilder("postRebatesWorker", jobRepository)
                .<RebateTotal, RebateTotal>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(rebateTotalReader)
                .writer(rebatePoster)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<RebateTotal> rebateTotalReader(
            @Value("#{jobParameters['close.run']}") Long closeRunId,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            DataSource dataSource) {
        return new JdbcCursorItemReaderBuilder<RebateTotal>()
                .name("rebateTotalReader")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql("""
                        SELECT distributor_code, currency, total FROM rebate
                         WHERE close_run_id = ? AND distributor_code BETWEEN ? AND ?
                         ORDER BY distributor_code""")
                .queryArguments(closeRunId, from, to)
                .rowMapper((rs, n) -> new RebateTotal(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .build();
    }

    @Bean
    @StepScope
    ItemWriter<RebateTotal> rebatePoster(@Value("#{jobParameters['close.run']}") Long closeRunId,
                                         @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                         CloseRuns closeRuns, Ledger ledger) {
        CloseRun run = closeRuns.get(closeRunId);
        Accounts accounts = ledger.accounts();
        return chunk -> {
            List<Posting> postings = new ArrayList<>();
            if (!run.isReclose()) {
                for (RebateTotal rebate : chunk) {
                    if (rebate.total().signum() > 0) {
                        postings.add(Posting.accrual(accounts, rebate.distributor(), rebate.currency(), run.quarter(),
                                rebate.total()));
                    }
                }
            } else {
                Map<String, BigDecimal> credited = ledger.accruedFor(run.quarter(),
                        chunk.getItems().stream().map(RebateTotal::distributor).toList());
                for (RebateTotal rebate : chunk) {
                    BigDecimal delta = rebate.total().subtract(credited.getOrDefault(rebate.distributor(), BigDecimal.ZERO));
                    if (delta.signum() != 0) {
                        postings.add(Posting.adjustment(accounts, rebate.distributor(), rebate.currency(),
                                run.quarter(), run.sequence(), run.businessDate(), delta));
                    }
                }
            }
            ledger.post(postings, jobExecutionId);
        };
    }
}
