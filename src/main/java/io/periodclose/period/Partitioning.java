package io.periodclose.period;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Builds the manager side of the close's partitioned steps. Partitions run on local threads today; the worker
 * steps only read their range from the step execution context, so this is the one place to change to hand them
 * to Spring Batch remote partitioning (a MessageChannelPartitionHandler) instead.
 */
@Component
public class Partitioning {

    private final JobRepository jobRepository;
    private final int gridSize;
    private final TaskExecutor executor;

    public Partitioning(JobRepository jobRepository,
                        @Value("${period-close.grid-size:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                        int gridSize) {
        this.jobRepository = jobRepository;
        this.gridSize = Math.max(1, gridSize);
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(this.gridSize);
        pool.setMaxPoolSize(this.gridSize);
        pool.setThreadNamePrefix("partition-");
        pool.setDaemon(true);
        pool.initialize();
        this.executor = pool;
    }

    public int gridSize() {
        return gridSize;
    }

    public Step partitioned(String name, Step worker, Partitioner partitioner) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .partitionHandler(handler(worker))
                .gridSize(gridSize)
                .build();
    }

    private PartitionHandler handler(Step worker) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(worker);
        handler.setTaskExecutor(executor);
        handler.setGridSize(gridSize);
        return handler;
    }
}
