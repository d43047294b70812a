package io.periodclose.statement;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;

/** Writes the manifest of a period's statements once they are all written ({@link StatementFiles#writeManifest}). */
class StatementManifest implements Tasklet {

    private final StatementFiles files;
    private final Path out;
    private final String period;

    StatementManifest(StatementFiles files, Path out, String period) {
        this.files = files;
        this.out = out;
        this.period = period;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        files.writeManifest(out, period);
        return RepeatStatus.FINISHED;
    }
}
