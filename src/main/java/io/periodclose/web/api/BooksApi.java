package io.periodclose.web.api;

import io.periodclose.BadInputException;
import io.periodclose.ledger.DistributorAccount;
import io.periodclose.ops.AuditLog;
import io.periodclose.rebate.RebateHistory;
import io.periodclose.statement.StatementCatalog;
import io.periodclose.web.Actors;
import io.periodclose.web.StatementDownloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Statements, distributors and the audit trail, read-only. */
@RestController
@Tag(name = "Books", description = "Statements, distributors' accounts and the audit trail")
class BooksApi {

    record DistributorPage(DistributorAccount.Distributor distributor, List<DistributorAccount.Line> balanceHistory,
                           List<RebateHistory.QuarterRebate> rebates, List<StatementCatalog.Entry> statements) {
    }

    private final StatementCatalog statements;
    private final DistributorAccount accounts;
    private final RebateHistory rebates;
    private final AuditLog audit;
    private final StatementDownloads downloads;

    BooksApi(StatementCatalog statements, DistributorAccount accounts, RebateHistory rebates, AuditLog audit,
             StatementDownloads downloads) {
        this.statements = statements;
        this.accounts = accounts;
        this.rebates = rebates;
        this.audit = audit;
        this.downloads = downloads;
    }

    @GetMapping(path = "/api/statements", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Periods with statements")
    List<StatementCatalog.PeriodSummary> periods() {
        return statements.periods();
    }

    @GetMapping(path = "/api/statements/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A period's statements: file, SHA-256, closing balance, or why one was not written")
    List<StatementCatalog.Entry> statements(@PathVariable String period) {
        return statements.statements(period);
    }

    @GetMapping(path = "/api/statements/{period}/files/{file:.+}", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Download one statement PDF (audited)")
    ResponseEntity<Resource> download(@PathVariable String period, @PathVariable String file, Authentication user) {
        return downloads.statement(Actors.api(user), period, file);
    }

    @GetMapping(path = "/api/statements/{period}/manifest.csv", produces = "text/csv")
    @Operation(summary = "Download a period's manifest.csv")
    ResponseEntity<Resource> manifest(@PathVariable String period) {
        return downloads.manifest(period);
    }

    @GetMapping(path = "/api/distributors/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A distributor: balance history, each quarter's bonus with its explanation, statements")
    DistributorPage distributor(@PathVariable String code) {
        return new DistributorPage(accounts.distributor(code)
                .orElseThrow(() -> new BadInputException("there is no distributor " + code)),
                accounts.history(code), rebates.of(code), statements.statementsOf(code));
    }

    @GetMapping(path = "/api/distributors", params = "code", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A distributor by a code given as a query parameter (codes that cannot be a path segment)")
    DistributorPage distributorByQuery(@RequestParam String code) {
        return distributor(code);
    }

    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The audit trail, newest first (ADMIN)")
    List<AuditLog.Event> audit(@RequestParam(required = false) String user,
                               @RequestParam(required = false) String action,
                               @RequestParam(required = false) Long execution,
                               @RequestParam(defaultValue = "500") int limit) {
        return audit.newestFirst(new AuditLog.Filter(user, action, execution), Math.min(Math.max(limit, 1), 5000));
    }
}
