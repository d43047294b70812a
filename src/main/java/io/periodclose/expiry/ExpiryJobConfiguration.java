package io.periodclose.expiry;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.approval.ApprovalGate;
import io.periodclose.approval.AwaitingApprovalListener;
import io.periodclose.period.StepScopedItems;
import io.periodclose.statement.RefusedStatements;
import org.springframework.batch.core.ExitStatus;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.Ledger;
import io.periodclose.period.CloseJobParameters;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
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
 * {@code expire}: first the annual rebate of the year when its programme has one (SPEC §8.2, see
 * {@code annual/}), credited on 1 January of the next year and so outside the balance that lapses; then at
 * 31 December every distributor's positive bonus balance lapses (EXPIRY entries); a negative balance is carried.
 * Then the year is locked: nothing can be posted effective on or before its last day, every distributor gets
 * its annual statement, and the year's programme report is written beside them (ProgrammeReportStepConfiguration).
 */
@Configuration(proxyBeanMethods = false)
public class ExpiryJobConfiguration {

    public static final String JOB_NAME = "expire";

    private static final String YEAR = "#{jobParameters['" + CloseJobParameters.YEAR + "']}";

    /** The approval gate (SPEC §9) sits between the annual rebate's calculation and its posting, as in the close. */
    @Bean
    Job expireJob(JobRepository jobRepository, Step calculateAnnualRebates, Step awaitAnnualApproval,
                  Step checkAnnualApproval, Step postAnnualRebates, Step postExpiries, Step lockYear,
                  Step writeAnnualStatements, Step writeAnnualManifest, Step writeProgrammeReport,
                  AwaitingApprovalListener awaitingApproval, RefusedStatements refusedStatements) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(awaitingApproval)
                .listener(refusedStatements)
                .start(calculateAnnualRebates)
                .next(awaitAnnualApproval)
                .on(ApprovalGate.AWAITING_APPROVAL).stopAndRestart(checkAnnualApproval)
                .from(awaitAnnualApproval).on(ExitStatus.COMPLETED.getExitCode()).to(checkAnnualApproval)
                .from(awaitAnnualApproval).on("*").fail()
                .from(checkAnnualApproval).on(ExitStatus.COMPLETED.getExitCode()).to(postAnnualRebates)
                .from(checkAnnualApproval).on("*").fail()
                .from(postAnnualRebates).next(postExpiries)
                .next(lockYear)
                .next(writeAnnualStatements)
                .next(writeAnnualManifest)
                .next(writeProgrammeReport)
                .end()
                .build();
    }

    @Bean
    Step postExpiries(JobRepository jobRepository, PeriodCloseProperties properties,
                      PlatformTransactionManager transactionManager,
                      JdbcCursorItemReader<Balance> positiveBalanceReader, ExpiryPoster expiryPoster) {
        return new StepBuilder("postExpiries", jobRepository)
                .<Balance, Balance>chunk(properties.closeChunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedItems.reader(positiveBalanceReader))
                .writer(StepScopedItems.writer(expiryPoster))
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<Balance> positiveBalanceReader(@Value(YEAR) Long year,
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
    ExpiryPoster expiryPoster(@Value(YEAR) Long year, @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                              Ledger ledger) {
        return new ExpiryPoster(ledger, year.intValue(), jobExecutionId);
    }

    @Bean
    Step lockYear(JobRepository jobRepository, PlatformTransactionManager transactionManager, LockYear yearLock) {
        return new StepBuilder("lockYear", jobRepository)
                .tasklet(yearLock, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    LockYear yearLock(@Value(YEAR) Long year, JdbcTemplate jdbc) {
        return new LockYear(jdbc, year.intValue());
    }
}
