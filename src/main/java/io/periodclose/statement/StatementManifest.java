package io.periodclose.statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the manifest of a period's statements once they are all written ({@link StatementFiles#writeManifest}), and
 * counts the statements of this version that were refused ({@link RefusedStatements}): the step's exit description
 * names them, so that a run that issued fewer statements than it should does not look fully successful.
 */
class StatementManifest implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StatementManifest.class);

    private final StatementFiles files;
    private final JdbcTemplate jdbc;
    private final Path out;
    private final String period;
    private final int version;

    StatementManifest(StatementFiles files, JdbcTemplate jdbc, Path out, String period, int version) {
        this.files = files;
        this.jdbc = jdbc;
        this.out = out;
        this.period = period;
        this.version = version;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        files.writeManifest(out, period);
        List<RefusedStatements.Refused> refused = RefusedStatements.of(jdbc, period, version);
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putInt(RefusedStatements.COUNT, refused.size());
        if (!refused.isEmpty()) {
            String description = RefusedStatements.describe(period, refused);
            log.error("{}", description);
            // COMPLETED still: any other exit code would end the job's flow as FAILED
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(description));
        }
        return RepeatStatus.FINISHED;
    }
}
