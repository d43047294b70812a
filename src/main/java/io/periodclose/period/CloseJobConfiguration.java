package io.periodclose.period;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code close}: extract turnover → calculate rebates (partitioned) → post rebates (partitioned) → apply claims
 * (partitioned) → mark the quarter closed → write the statements (partitioned) and their manifest. Identified by the period and the close's sequence (0 for the close,
 * 1, 2, … for re-closes), so the same close cannot run twice at once and a failed one restarts where it failed.
 */
@Configuration(proxyBeanMethods = false)
public class CloseJobConfiguration {

    public static final String JOB_NAME = "close";

    @Bean
    Job closeJob(JobRepository jobRepository, Step extractTurnover, Step calculateRebates, Step postRebates,
                 Step applyClaims, Step markClosed, Step writeQuarterStatements, Step writeQuarterManifest) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(extractTurnover)
                .next(calculateRebates)
                .next(postRebates)
                .next(applyClaims)
                .next(markClosed)
                .next(writeQuarterStatements)
                .next(writeQuarterManifest)
                .build();
    }

    @Bean
    Step markClosed(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                    CloseRuns closeRuns) {
        return new StepBuilder("markClosed", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    long runId = chunkContext.getStepContext().getStepExecution().getJobParameters().getLong("close.run");
                    CloseRun run = closeRuns.get(runId);
                    jdbc.update("""
                            INSERT INTO period_close (period, closed_at, business_date, last_run_id)
                            VALUES (?, now(), ?, ?)
                            ON CONFLICT (period) DO UPDATE SET last_run_id = EXCLUDED.last_run_id""",
                            run.quarter().toString(), run.businessDate(), run.id());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
