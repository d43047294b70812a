package io.periodclose.simulation;

import io.periodclose.BadInputException;
import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.CloseRun;
import io.periodclose.period.CloseRuns;
import io.periodclose.period.Quarter;
import io.periodclose.program.LoadedProgram;
import io.periodclose.program.ProgramLoader;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Launches a simulation (SPEC §9): validates the draft like any programme (its year must be the quarter's),
 * decides what it is compared with (the quarter's latest completed close, or else the programme in force), records
 * the simulation and runs the {@code simulate} job. Every simulation, refused ones included, is in the audit trail.
 * Any quarter may be simulated, ended or not: nothing is posted, and an open quarter shows its figures so far.
 */
@Service
public class SimulationService {

    public static final String AUDIT_ACTION = "SIMULATE";

    private final Simulations simulations;
    private final CloseRuns closeRuns;
    private final ProgramLoader programLoader;
    private final PeriodCloseProperties properties;
    private final JobRuns jobRuns;
    private final Job simulateJob;
    private final AuditLog audit;

    public SimulationService(Simulations simulations, CloseRuns closeRuns, ProgramLoader programLoader,
                             PeriodCloseProperties properties, JobRuns jobRuns,
                             @Qualifier("simulateJob") Job simulateJob, AuditLog audit) {
        this.simulations = simulations;
        this.closeRuns = closeRuns;
        this.programLoader = programLoader;
        this.properties = properties;
        this.jobRuns = jobRuns;
        this.simulateJob = simulateJob;
        this.audit = audit;
    }

    /** What a launch gives back: the simulation and its job execution (still running in {@code serve}). */
    public record Launched(Simulation simulation, JobExecution execution) {
    }

    /** Simulates {@code quarter} with the programme of its year found in {@code programsDir}. */
    public Launched simulate(Actor actor, Quarter quarter, Path programsDir) {
        return audited(actor, quarter, ProgramLoader.fileFor(programsDir, quarter.year()).toString(),
                () -> programLoader.load(programsDir, quarter.year()));
    }

    /** Simulates {@code quarter} with an uploaded programme file; {@code name} names it in messages. */
    public Launched simulate(Actor actor, Quarter quarter, String name, byte[] content) {
        return audited(actor, quarter, name, () -> programLoader.parse(name, content, quarter.year()));
    }

    private Launched audited(Actor actor, Quarter quarter, String draftName,
                             java.util.function.Supplier<LoadedProgram> draft) {
        String target = "simulate " + quarter + " with " + draftName;
        AtomicReference<Simulation> created = new AtomicReference<>();
        JobExecution execution;
        try {
            LoadedProgram program = draft.get();
            execution = jobRuns.launch(simulateJob, "the simulation of " + quarter, () -> {
                Long closeRun = closeRuns.latestCompleted(quarter).map(CloseRun::id).orElse(null);
                Simulation simulation = simulations.create(quarter, program, closeRun,
                        closeRun != null ? null : inForce(quarter), actor.username(), actor.channel().name());
                created.set(simulation);
                return new JobParametersBuilder()
                        .addLong(SimulationJobConfiguration.SIMULATION, simulation.id())
                        .addString(SimulationJobConfiguration.PERIOD, quarter.toString(), false)
                        .toJobParameters();
            });
        } catch (RefusedException | BadInputException e) {
            audit.record(actor.username(), actor.channel(), AUDIT_ACTION, target, null, Outcome.REFUSED,
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), AUDIT_ACTION, target, null, Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw e;
        }
        Simulation simulation = created.get();
        simulations.executedAs(simulation.id(), execution.getId());
        audit.record(actor.username(), actor.channel(), AUDIT_ACTION, target + " (simulation " + simulation.id()
                + ", " + simulation.draftProgramId() + " sha256 " + simulation.draftSha256() + ")", execution.getId(),
                Outcome.DONE, execution.getStatus().toString());
        return new Launched(simulations.get(simulation.id()), execution);
    }

    /**
     * The programme in force for an open quarter's comparison, or null when its year has no programme file yet (a
     * draft for a new year has nothing to be compared with). A file that exists but is invalid is bad input.
     */
    private LoadedProgram inForce(Quarter quarter) {
        if (!Files.exists(ProgramLoader.fileFor(properties.programs(), quarter.year()))) {
            return null;
        }
        return programLoader.load(properties.programs(), quarter.year());
    }
}
