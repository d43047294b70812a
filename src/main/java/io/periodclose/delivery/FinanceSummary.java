package io.periodclose.delivery;

import io.periodclose.csv.SafeCsv;
import io.periodclose.delivery.Deliveries.Delivery;
import io.periodclose.delivery.Deliveries.Status;
import io.periodclose.delivery.DeliveryRuns.DeliveryRun;
import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finance's one message per send: what was sent to whom and what was not, with the period's {@code manifest.csv}
 * and {@code deliveries.csv} (every message of the send) attached. A send that had nothing to deliver sends no
 * summary; a restarted send whose summary went already does not send it again.
 */
class FinanceSummary implements Tasklet {

    static final ExitStatus NOTHING_TO_SEND = new ExitStatus("NOTHING_TO_SEND");

    private final DeliveryRuns runs;
    private final Deliveries deliveries;
    private final StatementCatalog catalog;
    private final Mailer mailer;
    private final long runId;

    FinanceSummary(DeliveryRuns runs, Deliveries deliveries, StatementCatalog catalog, Mailer mailer, long runId) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.mailer = mailer;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        DeliveryRun run = runs.get(runId);
        if (run.summarySentAt() != null) {
            return RepeatStatus.FINISHED;
        }
        List<Delivery> delivered = deliveries.ofRun(runId);
        if (delivered.isEmpty()) {
            contribution.setExitStatus(NOTHING_TO_SEND);
            return RepeatStatus.FINISHED;
        }
        CoveringText text = CoveringText.of(run.language());
        List<Mailer.Attachment> attachments = new ArrayList<>();
        // read as the downloads read it: a manifest replaced by a symbolic link fails the step, never mails its target
        Optional<StatementCatalog.VerifiedFile> manifest = catalog.manifestFile(run.period());
        if (manifest.isPresent()) {
            attachments.add(new Mailer.Attachment("manifest.csv", manifest.get().bytes(), "text/csv"));
        }
        attachments.add(new Mailer.Attachment("deliveries.csv", csv(delivered).getBytes(StandardCharsets.UTF_8),
                "text/csv"));
        long sent = delivered.stream().filter(d -> d.status() == Status.SENT).count();
        long failed = delivered.stream().filter(d -> d.status() == Status.FAILED).count();
        String messageId = mailer.newMessageId();
        mailer.send(messageId, mailer.finance(), text.format("summary.subject", text.period(run.period()),
                Long.toString(sent), Long.toString(failed)), body(text, delivered), attachments);
        runs.summarySent(runId, messageId);
        return RepeatStatus.FINISHED;
    }

    static String body(CoveringText text, List<Delivery> delivered) {
        StringBuilder body = new StringBuilder();
        section(body, text, "summary.sent", delivered.stream().filter(d -> d.status() == Status.SENT).toList());
        section(body, text, "summary.failed", delivered.stream().filter(d -> d.status() == Status.FAILED).toList());
        List<Delivery> inDoubt = delivered.stream().filter(Delivery::inDoubt).toList();
        if (!inDoubt.isEmpty()) {
            section(body, text, "summary.doubt", inDoubt);
        }
        body.append(text.format("summary.attachments")).append('\n');
        return body.toString();
    }

    private static void section(StringBuilder body, CoveringText text, String heading, List<Delivery> list) {
        body.append(text.format(heading, Integer.toString(list.size()))).append('\n');
        if (list.isEmpty()) {
            body.append("  ").append(text.format("summary.none")).append('\n');
        }
        for (Delivery d : list) {
            body.append("  ").append(d.distributor()).append("  ").append(d.file()).append("  ").append(d.kind())
                    .append("  ").append(d.address());
            if (d.status() == Status.FAILED) {
                body.append("  ").append(d.reply());
            } else {
                body.append("  ").append(d.messageId());
            }
            body.append('\n');
        }
        body.append('\n');
    }

    static String csv(List<Delivery> delivered) {
        StringBuilder out = new StringBuilder();
        try (SafeCsv csv = SafeCsv.printer(out, "distributor_code", "file", "version", "sha256", "kind", "address",
                "status", "message_id", "attempted_at", "sent_at", "reply")) {
            for (Delivery d : delivered) {
                csv.record(d.distributor(), d.file(), Integer.toString(d.version()), d.sha256(), d.kind().name(),
                        d.address(), d.status().name(), d.messageId(), d.attemptedAt().toString(),
                        d.sentAt() == null ? "" : d.sentAt().toString(), d.reply() == null ? "" : d.reply());
            }
        }
        return out.toString();
    }
}
