package io.periodclose.delivery;

import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * {@code send} (SPEC §10): the statements to deliver → one message each, sent and recorded one at a time
 * ({@link DeliveryWriter}) → finance's summary ({@link FinanceSummary}). Identified by the {@code delivery_run}, so
 * a failed send restarts as itself and sends only the rest, and every new send of a period is a run of its own.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryJobConfiguration {

    public static final String JOB_NAME = "send";
    /** Identifying: the {@code delivery_run} the job works on. */
    public static final String RUN = "deliveryRun";
    /** Not identifying: the period, for the executions list. */
    public static final String PERIOD = "period";
    /** Messages per chunk: each is recorded on its own anyway; a chunk only bounds the step's bookkeeping. */
    static final int CHUNK = 10;

    @Bean
    Job sendJob(JobRepository jobRepository, Step sendStatements, Step sendFinanceSummary) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(sendStatements)
                .next(sendFinanceSummary)
                .build();
    }

    @Bean
    Step sendStatements(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        JdbcCursorItemReader<StatementToSend> statementsToSendReader,
                        ItemProcessor<StatementToSend, DeliveryMessage> deliveryMessages,
                        ItemWriter<DeliveryMessage> deliveryWriter) {
        return new StepBuilder("sendStatements", jobRepository)
                .<StatementToSend, DeliveryMessage>chunk(CHUNK)
                .transactionManager(transactionManager)
                .reader(statementsToSendReader)
                .processor(deliveryMessages)
                .writer(deliveryWriter)
                .build();
    }

    @Bean
    Step sendFinanceSummary(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            Tasklet financeSummary) {
        return new StepBuilder("sendFinanceSummary", jobRepository)
                .tasklet(financeSummary, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<StatementToSend> statementsToSendReader(
            @Value("#{jobParameters['" + RUN + "']}") Long runId, DeliveryRuns runs, DataSource dataSource) {
        return StatementsToSend.reader(runs.get(runId), dataSource);
    }

    @Bean
    @StepScope
    ItemProcessor<StatementToSend, DeliveryMessage> deliveryMessages(
            @Value("#{jobParameters['" + RUN + "']}") Long runId, DeliveryRuns runs, StatementCatalog catalog,
            Mailer mailer) {
        return new DeliveryMessages(catalog, CoveringText.of(runs.get(runId).language()).withPortal(mailer.portal()),
                mailer.finance());
    }

    @Bean
    @StepScope
    ItemWriter<DeliveryMessage> deliveryWriter(@Value("#{jobParameters['" + RUN + "']}") Long runId,
                                               @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId,
                                               Deliveries deliveries, Mailer mailer) {
        return new DeliveryWriter(deliveries, mailer, runId, jobExecutionId);
    }

    @Bean
    @StepScope
    Tasklet financeSummary(@Value("#{jobParameters['" + RUN + "']}") Long runId, DeliveryRuns runs,
                           Deliveries deliveries, StatementCatalog catalog, Mailer mailer) {
        return new FinanceSummary(runs, deliveries, catalog, mailer, runId);
    }
}
