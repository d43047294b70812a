package io.periodclose.partition;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.time.LocalDateTime;

/** Records a partition as failed in the job repository, where the manager and {@code jobs restart} read it. */
final class FailedPartitions {

    private FailedPartitions() {
    }

    static void record(JobRepository jobRepository, StepExecution execution, ExitStatus exitStatus) {
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(exitStatus);
        execution.setEndTime(LocalDateTime.now());
        jobRepository.update(execution);
    }
}
