package io.periodclose.delivery;

import io.periodclose.BadInputException;
import io.periodclose.PeriodCloseProperties;
import io.periodclose.RefusedException;
import io.periodclose.delivery.Deliveries.Delivery;
import io.periodclose.delivery.DeliveryRuns.DeliveryRun;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations.Actor;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Launches a send (SPEC §10): every distributor's latest statement of a period not delivered yet, or a Resend of one
 * distributor's. Refused as bad usage before anything runs when the period has no statements or mail is not
 * configured. Every send, refused ones included, is in the audit trail.
 */
@Service
public class DeliveryService {

    public static final String SEND = "SEND";
    public static final String RESEND = "RESEND";
    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-Q[1-4])?");

    private final DeliveryRuns runs;
    private final Deliveries deliveries;
    private final Mailer mailer;
    private final JobRuns jobRuns;
    private final Job sendJob;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final PeriodCloseProperties properties;

    public DeliveryService(DeliveryRuns runs, Deliveries deliveries, Mailer mailer, JobRuns jobRuns,
                           @Qualifier("sendJob") Job sendJob, AuditLog audit, JdbcTemplate jdbc,
                           PeriodCloseProperties properties) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.jobRuns = jobRuns;
        this.sendJob = sendJob;
        this.audit = audit;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A send and its job execution (still running in {@code serve}). */
    public record Launched(DeliveryRun run, JobExecution execution) {
    }

    /** What a send did: its messages, and how many of each outcome. */
    public record Outcome(DeliveryRun run, List<Delivery> deliveries) {
        public long count(Deliveries.Status status) {
            return deliveries.stream().filter(d -> d.status() == status).count();
        }
    }

    /** Sends every distributor's latest statement of {@code period} not delivered yet, in the configured language. */
    public Launched send(Actor actor, String period) {
        return send(actor, period, properties.statementLanguage());
    }

    public Launched send(Actor actor, String period, String language) {
        return audited(actor, SEND, "send " + period, period, null, language);
    }

    /** Sends {@code distributor}'s latest statement of {@code period} again, whatever was sent before. */
    public Launched resend(Actor actor, String period, String distributor) {
        return audited(actor, RESEND, "resend " + period + " " + distributor, period, distributor,
                properties.statementLanguage());
    }

    public Outcome outcome(long runId) {
        return new Outcome(runs.get(runId), deliveries.ofRun(runId));
    }

    private Launched audited(Actor actor, String action, String target, String period, String distributor,
                             String language) {
        AtomicReference<DeliveryRun> created = new AtomicReference<>();
        JobExecution execution;
        try {
            check(period, distributor);
            execution = jobRuns.launch(sendJob, "the " + target, () -> {
                DeliveryRun run = runs.create(period, language, distributor, actor.username(),
                        actor.channel().name());
                created.set(run);
                return new JobParametersBuilder()
                        .addLong(DeliveryJobConfiguration.RUN, run.id())
                        .addString(DeliveryJobConfiguration.PERIOD, period, false)
                        .toJobParameters();
            });
        } catch (RefusedException | BadInputException e) {
            audit.record(actor.username(), actor.channel(), action, target, null, AuditLog.Outcome.REFUSED,
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(actor.username(), actor.channel(), action, target, null, AuditLog.Outcome.FAILED,
                    String.valueOf(e.getMessage()));
            throw e;
        }
        DeliveryRun run = created.get();
        runs.executedAs(run.id(), execution.getId());
        audit.record(actor.username(), actor.channel(), action, target + " (send " + run.id() + ")",
                execution.getId(), AuditLog.Outcome.DONE, execution.getStatus().toString());
        return new Launched(runs.get(run.id()), execution);
    }

    private void check(String period, String distributor) {
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new BadInputException("not a period: " + period + " (a quarter like 2026-Q3 or a year like 2026)");
        }
        Integer statements = distributor == null
                ? jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ? AND file IS NOT NULL",
                Integer.class, period)
                : jdbc.queryForObject("SELECT count(*) FROM statement WHERE period = ? AND distributor_code = ?"
                + " AND file IS NOT NULL", Integer.class, period, distributor);
        if (statements == null || statements == 0) {
            // a rule of the period (it is not closed), not a mistake in the command: exit 3, as SPEC §7 has it
            throw new RefusedException("there is no statement of " + period
                    + (distributor == null ? "" : " for " + distributor) + " to send; close the period first");
        }
        mailer.checkConfigured();
    }
}
