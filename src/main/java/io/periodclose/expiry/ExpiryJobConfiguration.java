package io.periodclose.expiry;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.ledger.Accounts;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.Ledger;
import io.periodclose.ledger.Posting;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code expire}: at 31 December every distributor's positive bonus balance lapses (EXPIRY entries); a negative
 * balance is carried. Then the year is locked: nothing can be posted effective on or before its last day, and
 * every distributor gets its annual statement.
 */
@Configuration(proxyBeanMethods = false)
public class ExpiryJobConfiguration {

    public static final String JOB_NAME = "expire";

    record Balance(String distributor, String currency, BigDecimal amount) {
    }

    @Bean
    Job expireJob(JobRepository jobRepository, Step postExpiries, Step lockYear, Step writeAnnualStatements,
                  Step writeAnnualManifest) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(postExpiries)
                .next(lockYear)
                .next(writeAnnualStatements)
                .next(writeAnnualManifest)
                .build();
    }

    @Bean
    Step postExpiries(JobRepository jobRepository, PeriodCloseProperties properties,
                      PlatformTransactionManager transactionManager,
                      JdbcCursorItemReader<Balance> positiveBalanceReader, ItemWriter<Balance> expiryPoster) {
        return new StepBuilder("postExpiries", jobRepository)
                .<Balance, Balance>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(positiveBalanceReader)
                .writer(expiryPoster)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<Balance> positiveBalanceReader(@Value("#{jobParameters['year']}") Long year,
                                                        BonusFundQueries fund, DataSource dataSource) {
        BonusFundQueries.Query positiveBalances = fund.positiveBalances(year.intValue());
        return new JdbcCursorItemReaderBuilder<Balance>()
                .name("positiveBalanceReader")
                // an expired balance is 0 and drops out of the query, which is therefore its own restart bookmark
                .saveState(false)
                .dataSource(dataSource)
                .connectionAutoCommit(false)
                .fetchSize(500)
                .sql(positiveBalances.sql())
                .queryArguments(positiveBalances.arguments())
                .rowMapper((rs, n) -> new Balance(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .build();
    }

    @Bean
    @StepScope
    ItemWriter<Balance> expiryPoster(@Value("#{jobParameters['year']}") Long year,
                                     @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId, Ledger ledger) {
        Accounts accounts = ledger.accounts();
        return chunk -> {
            List<Posting> expiries = new ArrayList<>();
            for (Balance balance : chunk) {
                expiries.add(Posting.expiry(accounts, balance.distributor(), balance.currency(), year.intValue(),
                        balance.amount()));
            }
            ledger.post(expiries, jobExecutionId);
        };
    }

    @Bean
    Step lockYear(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        return new StepBuilder("lockYear", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    var execution = chunkContext.getStepContext().getStepExecution();
                    jdbc.update("INSERT INTO year_lock (year, job_execution_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            execution.getJobParameters().getLong("year").intValue(), execution.getJobExecutionId());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
