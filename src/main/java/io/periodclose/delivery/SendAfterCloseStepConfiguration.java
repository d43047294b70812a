package io.periodclose.delivery;

import io.periodclose.PeriodCloseProperties;
import io.periodclose.period.CloseRun;
import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The step {@code sendAfterClose} ({@link SendAfterClose}) for the end of the close job, reading the close run of
 * the job it runs in. Not in the close's flow yet (see docs/decisions.md, Delivery).
 */
@Configuration(proxyBeanMethods = false)
public class SendAfterCloseStepConfiguration {

    @Bean
    Step sendAfterClose(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        Tasklet sendAfterCloseTasklet) {
        return new StepBuilder("sendAfterClose", jobRepository)
                .tasklet(sendAfterCloseTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    Tasklet sendAfterCloseTasklet(@Value("${period-close.send-after-close:false}") boolean enabled, CloseRun closeRun,
                                  PeriodCloseProperties properties, DeliveryRuns runs, Deliveries deliveries,
                                  StatementCatalog catalog, Mailer mailer, DataSource dataSource) {
        return new SendAfterClose(enabled, closeRun.quarter().toString(), properties.statementLanguage(), runs,
                deliveries, catalog, mailer, dataSource);
    }
}
