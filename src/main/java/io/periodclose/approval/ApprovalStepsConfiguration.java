package io.periodclose.approval;

import io.periodclose.annual.YearEndProgram;
import io.periodclose.period.CloseJobParameters;
import io.periodclose.period.CloseRun;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The approval gates of the close (after calculateRebates) and of the year-end (after calculateAnnualRebates), see
 * {@link ApprovalGate}. The check is allowed to start again in every execution: it guards each one that may post.
 */
@Configuration(proxyBeanMethods = false)
public class ApprovalStepsConfiguration {

    private static final String YEAR = "#{jobParameters['" + CloseJobParameters.YEAR + "']}";

    @Bean
    Step awaitCloseApproval(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ApprovalGate awaitCloseApprovalTasklet) {
        return new StepBuilder("awaitApproval", jobRepository)
                .tasklet(awaitCloseApprovalTasklet, transactionManager)
                .build();
    }

    @Bean
    Step checkCloseApproval(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ApprovalGate checkCloseApprovalTasklet) {
        return new StepBuilder("checkApproval", jobRepository)
                .tasklet(checkCloseApprovalTasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    ApprovalGate awaitCloseApprovalTasklet(CloseRun closeRun, CalculatedFigures figures, ApprovalPolicy policy,
                                           Approvals approvals) {
        return new ApprovalGate(ApprovalGate.Mode.AWAIT, closeSubject(closeRun, figures), policy, approvals);
    }

    @Bean
    @StepScope
    ApprovalGate checkCloseApprovalTasklet(CloseRun closeRun, CalculatedFigures figures, ApprovalPolicy policy,
                                           Approvals approvals) {
        return new ApprovalGate(ApprovalGate.Mode.CHECK, closeSubject(closeRun, figures), policy, approvals);
    }

    private static ApprovalGate.Subject closeSubject(CloseRun run, CalculatedFigures figures) {
        return new ApprovalGate.Subject("close", run.quarter().toString(), run.id(),
                () -> figures.ofCloseRun(run.id()), () -> true);
    }

    @Bean
    Step awaitAnnualApproval(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ApprovalGate awaitAnnualApprovalTasklet) {
        return new StepBuilder("awaitAnnualApproval", jobRepository)
                .tasklet(awaitAnnualApprovalTasklet, transactionManager)
                .build();
    }

    @Bean
    Step checkAnnualApproval(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ApprovalGate checkAnnualApprovalTasklet) {
        return new StepBuilder("checkAnnualApproval", jobRepository)
                .tasklet(checkAnnualApprovalTasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    ApprovalGate awaitAnnualApprovalTasklet(@Value(YEAR) Long year, YearEndProgram.Annual yearEndAnnualRule,
                                            CalculatedFigures figures, ApprovalPolicy policy, Approvals approvals) {
        return new ApprovalGate(ApprovalGate.Mode.AWAIT, yearEndSubject(year.intValue(), yearEndAnnualRule, figures),
                policy, approvals);
    }

    @Bean
    @StepScope
    ApprovalGate checkAnnualApprovalTasklet(@Value(YEAR) Long year, YearEndProgram.Annual yearEndAnnualRule,
                                            CalculatedFigures figures, ApprovalPolicy policy, Approvals approvals) {
        return new ApprovalGate(ApprovalGate.Mode.CHECK, yearEndSubject(year.intValue(), yearEndAnnualRule, figures),
                policy, approvals);
    }

    /** A year-end needs approval only when it has an annual rebate to post: the expiry follows from the books. */
    private static ApprovalGate.Subject yearEndSubject(int year, YearEndProgram.Annual rule,
                                                       CalculatedFigures figures) {
        return new ApprovalGate.Subject("expire", Integer.toString(year), null, () -> figures.ofYear(year),
                () -> rule.rule().isPresent() && figures.anyAnnualToPost(year));
    }
}
