package io.periodclose.statement;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The statements a run refused to issue (the renderer's last line of defence: a name the font cannot print, figures
 * that do not reconcile), made visible. The manifest step counts them and says so in its exit description; this
 * listener gives a job that completed with refused statements the exit code {@value #EXIT_CODE}, which
 * {@code jobs list}, the pages and the command's summary line show. The command still exits 0: the books are
 * closed and every other statement is issued (docs/decisions.md).
 *
 * <p>The manifest step itself ends COMPLETED: a step's other exit codes end a {@code next()} flow as FAILED.
 */
@Component
public class RefusedStatements implements JobExecutionListener {

    public static final String EXIT_CODE = "COMPLETED_WITH_REFUSED_STATEMENTS";

    /** The step execution context's count of refused statements. */
    static final String COUNT = "refusedStatements";

    /** How many refused statements an exit description lists with their reasons; the rest are counted. */
    static final int LISTED = 10;

    /** A statement with no file, and why. */
    record Refused(String distributor, String problem) {
    }

    static List<Refused> of(JdbcTemplate jdbc, String period, int version) {
        return jdbc.query("""
                SELECT distributor_code, problem FROM statement
                 WHERE period = ? AND version = ? AND file IS NULL ORDER BY distributor_code COLLATE "C\"""",
                (rs, n) -> new Refused(rs.getString(1), rs.getString(2)), period, version);
    }

    /**
     * First line: how many and whose, {@code 2 statements of 2025-Q3 refused (no PDF, not in the manifest): X11, Y2};
     * then one line per refused statement with its reason, the first {@value #LISTED} of them.
     */
    static String describe(String period, List<Refused> refused) {
        StringBuilder text = new StringBuilder().append(refused.size())
                .append(refused.size() == 1 ? " statement" : " statements").append(" of ").append(period)
                .append(" refused (no PDF, not in the manifest): ");
        List<Refused> listed = refused.subList(0, Math.min(LISTED, refused.size()));
        text.append(String.join(", ", listed.stream().map(Refused::distributor).toList()));
        if (refused.size() > LISTED) {
            text.append(" and ").append(refused.size() - LISTED).append(" more");
        }
        for (Refused r : listed) {
            String problem = r.problem() == null ? "" : r.problem();
            text.append('\n').append(r.distributor()).append(": ")
                    .append(problem.length() > 160 ? problem.substring(0, 159) + "…" : problem);
        }
        return text.toString();
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return;
        }
        refusedStep(execution).ifPresent(step -> execution.setExitStatus(new ExitStatus(EXIT_CODE,
                step.getExitStatus().getExitDescription())));
    }

    /** The description of the statements a completed run refused, when it refused any. */
    public static Optional<String> in(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED || !EXIT_CODE.equals(execution.getExitStatus().getExitCode())) {
            return Optional.empty();
        }
        return Optional.of(execution.getExitStatus().getExitDescription());
    }

    private static Optional<StepExecution> refusedStep(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getExecutionContext().getInt(COUNT, 0) > 0)
                .findFirst();
    }
}
