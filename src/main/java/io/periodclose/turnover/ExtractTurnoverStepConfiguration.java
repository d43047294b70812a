package io.periodclose.turnover;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.program.BonusProgram;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Step 1 of the close: the per-distributor figures the calculation needs, aggregated by PostgreSQL straight into
 * {@code turnover} ({@link TurnoverExtract}).
 */
@Configuration(proxyBeanMethods = false)
public class ExtractTurnoverStepConfiguration {

    @Bean
    Step extractTurnover(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         TurnoverExtract turnoverExtract) {
        return new StepBuilder("extractTurnover", jobRepository)
                .tasklet(turnoverExtract, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    TurnoverExtract turnoverExtract(CloseRun closeRun, BonusProgram closeProgram, JdbcTemplate jdbc,
                                    PeriodCloseProperties properties) {
        return new TurnoverExtract(jdbc, closeRun, closeProgram, properties.extractParallelWorkers());
    }
}
