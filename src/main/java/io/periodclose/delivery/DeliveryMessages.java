package io.periodclose.delivery;

import io.periodclose.RefusedException;
import io.periodclose.statement.StatementCatalog;
import io.periodclose.statement.StatementFiles;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Builds each distributor's message: the covering text in the send's language and the PDF as the books know it
 * ({@link StatementCatalog#file}: inside its period's folder, with the SHA-256 recorded when written). A file gone
 * or changed on disk is not sent; the message carries why.
 */
class DeliveryMessages implements ItemProcessor<StatementToSend, DeliveryMessage> {

    private final StatementCatalog catalog;
    private final CoveringText text;
    private final String finance;

    DeliveryMessages(StatementCatalog catalog, CoveringText text, String finance) {
        this.catalog = catalog;
        this.text = text;
        this.finance = finance;
    }

    @Override
    public DeliveryMessage process(StatementToSend statement) {
        StatementCatalog.VerifiedFile file;
        try {
            file = catalog.file(statement.period(), statement.file()).orElse(null);
        } catch (RefusedException e) {
            return DeliveryMessage.unsendable(statement, e.getMessage());
        }
        if (file == null) {
            return DeliveryMessage.unsendable(statement, "the statement file " + statement.period() + "/"
                    + statement.file() + " is not on disk");
        }
        if (!StatementFiles.sha256(file.bytes()).equals(statement.sha256())) {
            // the catalog checks against the latest row of this file name; the message promises this row's SHA-256
            return DeliveryMessage.unsendable(statement, "the statement file " + statement.period() + "/"
                    + statement.file() + " is not the one recorded (SHA-256 " + statement.sha256() + ")");
        }
        return new DeliveryMessage(statement, text.subject(statement), text.text(statement, finance), file.bytes(),
                null);
    }
}
