package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.statement.StatementCatalog;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;


/** The statements of each period, their manifest, and the PDFs to download (every role; downloads are audited). */
@Controller
class StatementsController {

    private final StatementCatalog catalog;
    private final StatementDownloads downloads;

    StatementsController(StatementCatalog catalog, StatementDownloads downloads) {
        this.catalog = catalog;
        this.downloads = downloads;
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
        return downloads.statement(Actors.web(user), period, file);
    }

    @GetMapping("/statements/{period}/manifest.csv")
    ResponseEntity<Resource> manifest(@PathVariable String period) {
        return downloads.manifest(period);
    }
}
