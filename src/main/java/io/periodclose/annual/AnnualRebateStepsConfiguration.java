package io.periodclose.annual;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ledger.Ledger;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.DistributorRangePartitioner;
import io.periodclose.period.Partitioning;
import io.periodclose.period.StepScopedItems;
import io.periodclose.rebate.AnnualFigures;
import io.periodclose.rebate.AnnualRebateCalculation;
import io.periodclose.rebate.AnnualRebateCalculator;
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
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Date;
import java.time.LocalDate;

/**
 * The year-end job's first two steps (SPEC §8.2), before the expiry: the annual rebate of every distributor of the
 * master data, partitioned by distributor range like the close's calculation (a restart redoes only unfinished
 * partitions, whose rows are upserted), then the postings of the positive totals as ANNUAL:D:Y effective 1 January
 * Y+1. With a programme without {@code annual} both steps do nothing: the partitioner hands out one empty range.
 */
@Configuration(proxyBeanMethods = false)
public class AnnualRebateStepsConfiguration {

    private static final String YEAR = "#{jobParameters['" + CloseJobParameters.YEAR + "']}";
    private static final String PROGRAM = "#{jobParameters['" + YearEndProgram.PARAMETER + "']}";

    @Bean
    Step calculateAnnualRebates(Partitioning partitioning, Step calculateAnnualRebatesWorker,
                                DistributorRangePartitioner annualPartitioner) {
        return partitioning.partitioned("calculateAnnualRebates", calculateAnnualRebatesWorker, annualPartitioner);
    }

    /**
     * The programme's annual rule, parsed once per job execution from the snapshot the job was launched with. Not
     * proxied, since a record cannot be: injected only into step-scoped beans, created inside the running job.
     */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    YearEndProgram.Annual yearEndAnnualRule(@Value(YEAR) Long year, @Value(PROGRAM) String sha256,
                                            YearEndProgram programs) {
        return programs.annual(sha256, year.intValue());
    }

    @Bean
    @StepScope
    DistributorRangePartitioner annualPartitioner(YearEndProgram.Annual yearEndAnnualRule, JdbcTemplate jdbc) {
        return new DistributorRangePartitioner(jdbc,
                "SELECT code FROM distributor WHERE ? ORDER BY code", yearEndAnnualRule.rule().isPresent());
    }

    @Bean
    Step calculateAnnualRebatesWorker(JobRepository jobRepository, PeriodCloseProperties properties,
                                      PlatformTransactionManager transactionManager,
                                      JdbcCursorItemReader<AnnualFigures> annualFiguresReader,
                                      ItemProcessor<AnnualFigures, AnnualRebateCalculation> annualRebateProcessor,
                                      AnnualRebateWriter annualRebateWriter) {
        return new StepBuilder("calculateAnnualRebatesWorker", jobRepository)
                .<AnnualFigures, AnnualRebateCalculation>chunk(properties.rebateChunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(annualFiguresReader))
                .processor(StepScopedItems.processor(annualRebateProcessor))
                .writer(StepScopedItems.writer(annualRebateWriter))
                .build();
    }

    /**
     * TY and the annual target of each distributor of the range: net turnover of every sales line dated in the year,
     * and the sum of the year's quarterly targets (null when it has none at all; a missing quarter adds nothing).
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<AnnualFigures> annualFiguresReader(
            @Value(YEAR) Long year,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.FROM + "']}") String from,
            @Value("#{stepExecutionContext['" + DistributorRangePartitioner.TO + "']}") String to,
            DataSource dataSource, PeriodCloseProperties properties) {
        int y = year.intValue();
        return new JdbcCursorItemReaderBuilder<AnnualFigures>()
                .name("annualFiguresReader")
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(properties.rebateChunkSize())
                .sql("""
                        WITH sales AS (
                            SELECT distributor_code,
                                   sum(CASE WHEN document_type = 'CREDIT_NOTE' THEN -net_amount ELSE net_amount END)
                                       AS ty
                              FROM sales_line
                             WHERE document_date BETWEEN ? AND ? AND distributor_code BETWEEN ? AND ?
                             GROUP BY distributor_code
                        ), targets AS (
                            SELECT distributor_code, sum(target_amount) AS target
                              FROM target
                             WHERE period IN (?, ?, ?, ?) AND distributor_code BETWEEN ? AND ?
                             GROUP BY distributor_code
                        )
                        SELECT d.code, d.currency, coalesce(s.ty, 0), t.target
                          FROM distributor d
                          LEFT JOIN sales s ON s.distributor_code = d.code
                          LEFT JOIN targets t ON t.distributor_code = d.code
                         WHERE d.code BETWEEN ? AND ?
                         ORDER BY d.code""")
                .queryArguments(Date.valueOf(LocalDate.of(y, 1, 1)), Date.valueOf(LocalDate.of(y, 12, 31)), from, to,
                        y + "-Q1", y + "-Q2", y + "-Q3", y + "-Q4", from, to, from, to)
                .rowMapper((rs, n) -> new AnnualFigures(rs.getString(1), y, rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<AnnualFigures, AnnualRebateCalculation> annualRebateProcessor(
            YearEndProgram.Annual yearEndAnnualRule) {
        // the partitioner hands out no distributor without the rule, so orElseThrow never fires in a job
        return figures -> AnnualRebateCalculator.calculate(yearEndAnnualRule.rule().orElseThrow(), figures);
    }

    @Bean
    @StepScope
    AnnualRebateWriter annualRebateWriter(YearEndProgram.Annual yearEndAnnualRule,
                                          @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                          JdbcTemplate jdbc) {
        return new AnnualRebateWriter(jdbc, yearEndAnnualRule, jobExecutionId);
    }

    @Bean
    Step postAnnualRebates(JobRepository jobRepository, PeriodCloseProperties properties,
                           PlatformTransactionManager transactionManager,
                           JdbcCursorItemReader<AnnualTotal> annualTotalReader, AnnualRebatePoster annualRebatePoster) {
        return new StepBuilder("postAnnualRebates", jobRepository)
                .<AnnualTotal, AnnualTotal>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(annualTotalReader))
                .writer(StepScopedItems.writer(annualRebatePoster))
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<AnnualTotal> annualTotalReader(@Value(YEAR) Long year, DataSource dataSource) {
        return new JdbcCursorItemReaderBuilder<AnnualTotal>()
                .name("annualTotalReader")
                // a restart reads from the start again: what was posted is found by its key and posts nothing
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql("SELECT distributor_code, currency, total FROM annual_rebate WHERE year = ? AND total > 0"
                        + " ORDER BY distributor_code")
                .queryArguments(year.intValue())
                .rowMapper((rs, n) -> new AnnualTotal(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .build();
    }

    @Bean
    @StepScope
    AnnualRebatePoster annualRebatePoster(@Value(YEAR) Long year,
                                          @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                          Ledger ledger) {
        return new AnnualRebatePoster(ledger, year.intValue(), jobExecutionId);
    }
}
