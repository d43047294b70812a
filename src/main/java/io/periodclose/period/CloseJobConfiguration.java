package io.periodclose.period;

import io.periodclose.approval.ApprovalGate;
import io.periodclose.approval.AwaitingApprovalListener;
import io.periodclose.statement.RefusedStatements;
import io.periodclose.program.BonusProgram;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code close}: extract turnover → calculate rebates (partitioned) → the approval gate → post rebates
 * (partitioned) → apply claims (partitioned) → mark the quarter closed → write the statements (partitioned) and
 * their manifest → e-mail them when {@code period-close.send-after-close} is on. Identified by the period and the close's sequence (0 for the close, 1, 2, … for re-closes or a
 * close after a rejected one), so the same close cannot run twice at once and a failed one restarts where it
 * failed.
 */
@Configuration(proxyBeanMethods = false)
public class CloseJobConfiguration {

    public static final String JOB_NAME = "close";

    /**
     * Between the calculation and the posting, the approval gate (SPEC §9, {@link ApprovalGate}): a run that must
     * wait stops there (STOPPED, {@code AWAITING_APPROVAL}), and its restart, once approved, goes on at the check.
     * A failed gate fails the job: "*" never leads to the posting.
     */
    @Bean
    Job closeJob(JobRepository jobRepository, Step extractTurnover, Step calculateRebates, Step awaitCloseApproval,
                 Step checkCloseApproval, Step postRebates, Step applyClaims, Step markClosed,
                 Step writeQuarterStatements, Step writeQuarterManifest, Step sendAfterClose,
                 AwaitingApprovalListener awaitingApproval, RefusedStatements refusedStatements) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(awaitingApproval)
                .listener(refusedStatements)
                .start(extractTurnover)
                .next(calculateRebates)
                .next(awaitCloseApproval)
                .on(ApprovalGate.AWAITING_APPROVAL).stopAndRestart(checkCloseApproval)
                .from(awaitCloseApproval).on(ExitStatus.COMPLETED.getExitCode()).to(checkCloseApproval)
                .from(awaitCloseApproval).on("*").fail()
                .from(checkCloseApproval).on(ExitStatus.COMPLETED.getExitCode()).to(postRebates)
                .from(checkCloseApproval).on("*").fail()
                .from(postRebates).next(applyClaims)
                .next(markClosed)
                .next(writeQuarterStatements)
                .next(writeQuarterManifest)
                .next(sendAfterClose)
                .end()
                .build();
    }

    /**
     * The close run the job execution works on, read once per execution and shared by its steps and partitions.
     * Not proxied, since a record cannot be: inject it only into step- or job-scoped beans, which are created
     * inside the running job.
     */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    CloseRun closeRun(@Value("#{jobParameters['" + CloseJobParameters.CLOSE_RUN + "']}") Long closeRunId,
                      CloseRuns closeRuns) {
        return closeRuns.get(closeRunId);
    }

    /** The programme stored with the close run, parsed once per job execution; injected like {@link #closeRun}. */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    BonusProgram closeProgram(CloseRun closeRun, CloseRuns closeRuns) {
        return closeRuns.program(closeRun).program();
    }

    @Bean
    Step markClosed(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    MarkQuarterClosed markQuarterClosed) {
        return new StepBuilder("markClosed", jobRepository)
                .tasklet(markQuarterClosed, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    MarkQuarterClosed markQuarterClosed(JdbcTemplate jdbc, CloseRun closeRun) {
        return new MarkQuarterClosed(jdbc, closeRun);
    }
}
