package io.periodclose.ledger;

import io.periodclose.database.AsynchronousChunkCommit;
import io.periodclose.period.CloseRun;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.StepScopedItems;
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
 * Step 3 of the close: each distributor's bonus into the ledger ({@link RebatePoster}), partitioned like the
 * calculation.
 */
@Configuration(proxyBeanMethods = false)
public class PostRebatesStepConfiguration {

    @Bean
    Step postRebates(Partitioning partitioning, Step postRebatesWorker, DistributorRangePartitioner rebatePartitioner) {
        return partitioning.partitioned("postRebates", postRebatesWorker, rebatePartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner rebatePartitioner(CloseRun closeRun, JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc,
                "SELECT distributor_code FROM rebate WHERE close_run_id = ? ORDER BY distributor_code", closeRun.id());
    }

    @Bean
    Step postRebatesWorker(JobRepository jobRepository,
                           @Value("${period-close.post-chunk-size:${period-close.close-chunk-size:1000}}") int chunkSize,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<RebateTotal> rebateTotalReader, RebatePoster rebatePoster,
                           AsynchronousChunkCommit asynchronousChunkCommit) {
        return new StepBuilder("postRebatesWorker", jobRepository)
                .<RebateTotal, RebateTotal>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(rebateTotalReader))
                .writer(StepScopedItems.writer(rebatePoster))
                .listener(asynchronousChunkCommit)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<RebateTotal> rebateTotalReader(
            CloseRun closeRun,
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
                .queryArguments(closeRun.id(), from, to)
                .rowMapper((rs, n) -> new RebateTotal(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .build();
    }

    @Bean
    @StepScope
    RebatePoster rebatePoster(CloseRun closeRun, @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                              Ledger ledger) {
        return new RebatePoster(ledger, closeRun, jobExecutionId);
    }
}
