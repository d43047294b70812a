package io.periodclose.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * In {@code serve}, the job operator runs jobs on their own threads, so that a launch from a web request or the
 * scheduler returns as soon as the execution exists. The commands keep the default: a job runs in the command's
 * thread and the command ends with it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "period-close.async-jobs", havingValue = "true")
class AsyncJobsConfiguration {

    @Bean
    @BatchTaskExecutor
    TaskExecutor batchTaskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("job-");
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(0);
        // on shutdown the running jobs are asked to stop at a chunk boundary (JobRuns) and given time to do so
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(120);
        executor.initialize();
        return executor;
    }
}
