package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.ops.AuditLog;
import io.periodclose.statement.StatementCatalog;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The statements of each period, their manifest, and the PDFs to download (every role; downloads are audited). */
@Controller
class StatementsController {

    private final StatementCatalog catalog;
    private final AuditLog audit;

    StatementsController(StatementCatalog catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    @GetMapping("/statements")
    String periods(Model model) {
        model.addAttribute("periods", catalog.periods());
        return "statements";
    }

    @GetMapping("/statements/{period}")
    String period(@PathVariable String period, Model model) {
        var statements = catalog.statements(period);
        if (statements.isEmpty()) {
            throw new BadInputException("no statements for " + period);
        }
        model.addAttribute("period", period);
        model.addAttribute("statements", statements);
        model.addAttribute("manifest", catalog.manifest(period).isPresent());
        return "statement-period";
    }

    @GetMapping("/statements/{period}/files/{file:.+}")
    ResponseEntity<Resource> download(@PathVariable String period, @PathVariable String file,
                                      Authentication user) {
        Path pdf = catalog.file(period, file)
                .orElseThrow(() -> new BadInputException("no statement file " + file + " for " + period));
        audit.record(user.getName(), AuditLog.Channel.WEB, "DOWNLOAD", period + "/" + file, null,
                AuditLog.Outcome.DONE, null);
        return attachment(pdf, MediaType.APPLICATION_PDF);
    }

    @GetMapping("/statements/{period}/manifest.csv")
    ResponseEntity<Resource> manifest(@PathVariable String period) {
        Path manifest = catalog.manifest(period)
                .orElseThrow(() -> new BadInputException("no manifest for " + period));
        return attachment(manifest, new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    static ResponseEntity<Resource> attachment(Path file, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.getFileName().toString(), StandardCharsets.UTF_8).build().toString())
                .body(new FileSystemResource(file));
    }
}
