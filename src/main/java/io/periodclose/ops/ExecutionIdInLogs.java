package io.periodclose.ops;

import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Role;
import org.springframework.stereotype.Component;

/**
 * Puts the job execution id (and the step) into the logging context of every thread that works for a job, the
 * partition workers' included, so that every log line of a run can be found by its execution id.
 */
@Component
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class ExecutionIdInLogs implements BeanPostProcessor, JobExecutionListener, StepExecutionListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExecutionIdInLogs.class);
    static final String EXECUTION = "jobExecutionId";
    static final String STEP = "step";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(this);
        } else if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(this);
        }
        return bean;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        MDC.put(EXECUTION, Long.toString(jobExecution.getId()));
        log.info("{} execution {} started: {}", jobExecution.getJobInstance().getJobName(), jobExecution.getId(),
                jobExecution.getJobParameters().getIdentifyingParameters());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        log.info("{} execution {} ended {}", jobExecution.getJobInstance().getJobName(), jobExecution.getId(),
                jobExecution.getStatus());
        MDC.remove(EXECUTION);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        MDC.put(EXECUTION, Long.toString(stepExecution.getJobExecutionId()));
        MDC.put(STEP, stepExecution.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        MDC.remove(STEP);
        return null;
    }
}
