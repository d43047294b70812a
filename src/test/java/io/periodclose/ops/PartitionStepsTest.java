package io.periodclose.ops;

import io.periodclose.partition.WorkerIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionStepsTest {

    private final JobExecution execution = new JobExecution(7L, new JobInstance(3L, "close"), new JobParameters());

    @Test
    void aPartitionNamesTheWorkerItsContextRecords() {
        StepExecution partition = step("calculateRebatesWorker:partition3", "node-a:4242");

        assertThat(PartitionSteps.isPartition(partition)).isTrue();
        assertThat(PartitionSteps.worker(partition)).contains("node-a:4242");
    }

    @Test
    void aPartitionOfAnExecutionOlderThanTheRecordNamesNoWorker() {
        StepExecution partition = step("calculateRebatesWorker:partition3", null);

        assertThat(PartitionSteps.isPartition(partition)).isTrue();
        assertThat(PartitionSteps.worker(partition)).isEmpty();
    }

    @Test
    void aStepThatIsNoPartitionNamesNoWorkerWhateverItsContextHolds() {
        StepExecution manager = step("calculateRebates", "node-a:4242");

        assertThat(PartitionSteps.isPartition(manager)).isFalse();
        assertThat(PartitionSteps.worker(manager)).isEmpty();
    }

    private StepExecution step(String name, String worker) {
        StepExecution step = new StepExecution(11L, name, execution);
        if (worker != null) {
            step.getExecutionContext().putString(WorkerIdentity.CONTEXT_KEY, worker);
        }
        return step;
    }
}
