package io.periodclose.importing;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** Checks each row against SPEC §2; a bad row is passed on with its reason, never dropped. */
class RowCheckingProcessor implements ItemProcessor<CsvRow, ImportItem>, StepExecutionListener {

    private final ImportKind kind;
    private final JdbcTemplate jdbc;
    private ReferenceData reference;

    RowCheckingProcessor(ImportKind kind, JdbcTemplate jdbc) {
        this.kind = kind;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        reference = ReferenceData.load(jdbc);
    }

    @Override
    public ImportItem process(CsvRow row) {
        try {
            return ImportItem.accepted(row, RowParsers.parse(kind, row, reference));
        } catch (RowRejected rejected) {
            return ImportItem.rejected(row, rejected.reason());
        }
    }
}
