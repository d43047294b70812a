package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.statement.StatementCatalog;
import io.periodclose.statement.StatementFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * A statement's PDF, a period's manifest or a year's programme report as a download, for the pages and the API
 * alike: only files the books know of, never through a symbolic link, and every statement download in the audit
 * trail.
 */
@Component
public class StatementDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(StatementDownloads.class);

    private final StatementCatalog catalog;
    private final AuditLog audit;

    StatementDownloads(StatementCatalog catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * The PDF, after its SHA-256 was checked against the one recorded when it was written. A file that fails the
     * check (changed on disk) or whose path would leave its folder is refused (409), logged and audited as REFUSED.
     */
    public ResponseEntity<Resource> statement(Actor actor, String period, String file) {
        StatementCatalog.VerifiedFile pdf;
        try {
            pdf = catalog.file(period, file)
                    .orElseThrow(() -> new BadInputException("there is no statement file " + file + " for " + period));
        } catch (StatementCatalog.RefusedFile refused) {
            LOG.error("Refused to serve a statement to {}: {}", actor.username(), refused.getMessage());
            audit.record(actor.username(), actor.channel(), "DOWNLOAD", period + "/" + file, null,
                    AuditLog.Outcome.REFUSED, refused.getMessage());
            throw refused;
        }
        audit.record(actor.username(), actor.channel(), "DOWNLOAD", period + "/" + file, null,
                AuditLog.Outcome.DONE, null);
        return attachment(pdf, MediaType.APPLICATION_PDF);
    }

    /** The year's programme report, audited like a statement download (and refused like one when a link). */
    public ResponseEntity<Resource> programmeReport(Actor actor, String period) {
        String target = period + "/" + StatementFiles.PROGRAMME_REPORT;
        StatementCatalog.VerifiedFile report;
        try {
            report = catalog.programmeReportFile(period)
                    .orElseThrow(() -> new BadInputException("there is no programme report for " + period));
        } catch (StatementCatalog.RefusedFile refused) {
            LOG.error("Refused to serve a programme report to {}: {}", actor.username(), refused.getMessage());
            audit.record(actor.username(), actor.channel(), "DOWNLOAD", target, null, AuditLog.Outcome.REFUSED,
                    refused.getMessage());
            throw refused;
        }
        audit.record(actor.username(), actor.channel(), "DOWNLOAD", target, null, AuditLog.Outcome.DONE, null);
        return attachment(report, MediaType.APPLICATION_PDF);
    }

    public ResponseEntity<Resource> manifest(String period) {
        StatementCatalog.VerifiedFile manifest;
        try {
            manifest = catalog.manifestFile(period)
                    .orElseThrow(() -> new BadInputException("there is no manifest for " + period));
        } catch (StatementCatalog.RefusedFile refused) {
            LOG.error("Refused to serve a manifest: {}", refused.getMessage());
            throw refused;
        }
        return attachment(manifest, new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    /** The bytes read and checked, never the path again: what is on disk by then may be another file. */
    private static ResponseEntity<Resource> attachment(StatementCatalog.VerifiedFile file, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(new ByteArrayResource(file.bytes()));
    }
}
