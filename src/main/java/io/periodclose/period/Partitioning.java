package io.periodclose.period;

import io.periodclose.partition.IdentifiedStep;
import io.periodclose.partition.PartitionClaims;
import io.periodclose.partition.PartitionTransport;
import io.periodclose.partition.RemotePartitionHandler;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Builds the manager side of the partitioned steps (the close's and the year-end's), the one place that knows
 * where partitions run: on the {@code partitionTaskExecutor} threads of this process ({@code local}, the default),
 * or on {@code worker} processes through the message broker ({@code period-close.partitioning=remote}, see
 * {@code partition/}). The worker steps read only their range from the step execution context, so they are the
 * same beans either way.
 *
 * <p>{@code period-close.grid-size} is how many partitions a step is cut into: by default the cores of this
 * machine locally, and 16 in remote mode, so that work balances across workers of unequal speed.
 */
@Component
public class Partitioning {

    private static final int REMOTE_GRID = 16;

    private final JobRepository jobRepository;
    private final TaskExecutor executor;
    private final boolean remote;
    private final int gridSize;
    private final ObjectProvider<PartitionTransport> transport;
    private final PartitionClaims claims;
    private final RemotePartitionHandler.Timing timing;

    public Partitioning(JobRepository jobRepository, @Qualifier("partitionTaskExecutor") TaskExecutor executor,
                        @Value("${period-close.partitioning:local}") String mode,
                        @Value("${period-close.grid-size:0}") int gridSize,
                        @Value("${period-close.partition-poll:200ms}") Duration pollInterval,
                        @Value("${period-close.partition-resend:10s}") Duration resendAfter,
                        @Value("${period-close.partition-no-worker-grace:5s}") Duration noWorkerGrace,
                        ObjectProvider<PartitionTransport> transport, PartitionClaims claims) {
        this.jobRepository = jobRepository;
        this.executor = executor;
        this.remote = PartitioningMode.parse(mode) == PartitioningMode.REMOTE;
        this.gridSize = remote && gridSize <= 0 ? REMOTE_GRID : localGridSize(gridSize);
        this.transport = transport;
        this.claims = claims;
        this.timing = new RemotePartitionHandler.Timing(pollInterval, resendAfter, noWorkerGrace);
    }

    /** The configured grid, or the cores of this machine: partitions of a local step, and threads to run them. */
    static int localGridSize(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    public int gridSize() {
        return gridSize;
    }

    public boolean remote() {
        return remote;
    }

    public Step partitioned(String name, Step worker, Partitioner partitioner) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), partitioner)
                .partitionHandler(handler(worker))
                .gridSize(gridSize)
                .build();
    }

    private PartitionHandler handler(Step worker) {
        if (remote) {
            return new RemotePartitionHandler(worker.getName(), gridSize, jobRepository, transport.getObject(), claims,
                    timing);
        }
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(new IdentifiedStep(worker));
        handler.setTaskExecutor(executor);
        handler.setGridSize(gridSize);
        return handler;
    }
}
