package io.periodclose.rebate;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.database.AsynchronousChunkCommit;
import io.periodclose.period.CloseRun;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.StepScopedItems;
import io.periodclose.program.BonusProgram;
import io.periodclose.turnover.TurnoverRows;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Step 2 of the close: the rebate of every distributor, partitioned by distributor range. Each worker reads its
 * range of {@code turnover}, applies the programme stored with the run (plain Java: {@link RebateCalculator})
 * and writes {@code rebate} rows with their explanation. A restart redoes only unfinished partitions.
 */
@Configuration(proxyBeanMethods = false)
public class CalculateRebatesStepConfiguration {

    @Bean
    Step calculateRebates(Partitioning partitioning, Step calculateRebatesWorker,
                          DistributorRangePartitioner turnoverPartitioner) {
        return partitioning.partitioned("calculateRebates", calculateRebatesWorker, turnoverPartitioner);
    }

    @Bean
    @StepScope
    DistributorRangePartitioner turnoverPartitioner(CloseRun closeRun, JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc,
                "SELECT distributor_code FROM turnover WHERE close_run_id = ? ORDER BY distributor_code",
                closeRun.id());
    }

    @Bean
    Step calculateRebatesWorker(JobRepository jobRepository, PeriodCloseProperties properties,
                                PlatformTransactionManager transactionManager,
                                JdbcCursorItemReader<TurnoverFigures> rebateTurnoverReader,
                                ItemProcessor<TurnoverFigures, RebateCalculation> rebateProcessor,
                                RebateWriter rebateWriter,
                                AsynchronousChunkCommit asynchronousChunkCommit) {
        return new StepBuilder("calculateRebatesWorker", jobRepository)
                .<TurnoverFigures, RebateCalculation>chunk(properties.rebateChunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(rebateTurnoverReader))
                .processor(StepScopedItems.processor(rebateProcessor))
                .writer(StepScopedItems.writer(rebateWriter))
                .listener(asynchronousChunkCommit)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<TurnoverFigures> rebateTurnoverReader(
            CloseRun closeRun,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            DataSource dataSource, PeriodCloseProperties properties) {
        return new JdbcCursorItemReaderBuilder<TurnoverFigures>()
                .name("rebateTurnoverReader")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(properties.rebateChunkSize())
                .sql("""
                        SELECT distributor_code, currency, tier, target_amount, turnover, turnover_last_year,
                               promo_turnover, early_paid, growth_place, ranked_in_tier
                          FROM turnover
                         WHERE close_run_id = ? AND distributor_code BETWEEN ? AND ?
                         ORDER BY distributor_code""")
                .queryArguments(closeRun.id(), from, to)
                .rowMapper(TurnoverRows.mapper(closeRun.quarter()))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<TurnoverFigures, RebateCalculation> rebateProcessor(BonusProgram closeProgram) {
        return figures -> RebateCalculator.calculate(closeProgram, figures);
    }

    @Bean
    @StepScope
    RebateWriter rebateWriter(CloseRun closeRun, DataSource dataSource) {
        return new RebateWriter(dataSource, closeRun);
    }
}
