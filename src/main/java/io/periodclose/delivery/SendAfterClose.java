package io.periodclose.delivery;

import io.periodclose.delivery.DeliveryRuns.DeliveryRun;
import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import javax.sql.DataSource;

/**
 * A close's last step when {@code period-close.send-after-close=true}: the send of the period's statements, as
 * {@code send --period} does it and with the same classes (what to send, the messages, one record per message,
 * finance's summary). Its send ({@code delivery_run}) is kept in the step's execution context, so a restarted close
 * goes on with the same send, delivers only the rest and gives finance one summary. Off, it does nothing and ends
 * COMPLETED with a description saying so (another exit code would fail the close's flow, which ends on COMPLETED).
 */
public class SendAfterClose implements Tasklet {

    static final String RUN = "sendAfterClose.deliveryRun";
    static final ExitStatus NOT_CONFIGURED = ExitStatus.COMPLETED.addExitDescription(
            "period-close.send-after-close is not set: the statements are sent with send --period");

    private final boolean enabled;
    private final String period;
    private final String language;
    private final DeliveryRuns runs;
    private final Deliveries deliveries;
    private final StatementCatalog catalog;
    private final Mailer mailer;
    private final DataSource dataSource;

    public SendAfterClose(boolean enabled, String period, String language, DeliveryRuns runs, Deliveries deliveries,
                          StatementCatalog catalog, Mailer mailer, DataSource dataSource) {
        this.enabled = enabled;
        this.period = period;
        this.language = language;
        this.runs = runs;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.mailer = mailer;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!enabled) {
            contribution.setExitStatus(NOT_CONFIGURED);
            return RepeatStatus.FINISHED;
        }
        mailer.checkConfigured();
        var step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        if (!context.containsKey(RUN)) {
            DeliveryRun created = runs.create(period, language, null, "close", "JOB");
            runs.executedAs(created.id(), step.getJobExecutionId());
            context.putLong(RUN, created.id());
        }
        DeliveryRun run = runs.get(context.getLong(RUN));
        DeliveryMessages messages = new DeliveryMessages(catalog, CoveringText.of(language).withPortal(mailer.portal()),
                mailer.finance());
        DeliveryWriter writer = new DeliveryWriter(deliveries, mailer, run.id(), step.getJobExecutionId());
        JdbcCursorItemReader<StatementToSend> reader = StatementsToSend.reader(run, dataSource);
        reader.open(new ExecutionContext());
        try {
            for (StatementToSend statement = reader.read(); statement != null; statement = reader.read()) {
                writer.write(new Chunk<>(messages.process(statement)));
                contribution.incrementWriteCount(1);
            }
        } finally {
            reader.close();
        }
        new FinanceSummary(runs, deliveries, catalog, mailer, run.id()).execute(contribution, chunkContext);
        return RepeatStatus.FINISHED;
    }
}
