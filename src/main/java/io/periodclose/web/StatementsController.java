package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.delivery.Deliveries;
import io.periodclose.delivery.DeliveryRuns;
import io.periodclose.delivery.DeliveryService;
import io.periodclose.statement.StatementCatalog;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.function.Supplier;


/**
 * The statements of each period, their manifest, and the PDFs to download (every role; downloads are audited); what
 * was e-mailed to whom (SPEC §10), and for ADMIN the Send of the period and the Resend of one distributor's latest
 * statement.
 */
@Controller
class StatementsController {

    private final StatementCatalog catalog;
    private final StatementDownloads downloads;

    private final Deliveries deliveries;
    private final DeliveryRuns deliveryRuns;
    private final DeliveryService sends;
    private final Words words;

    StatementsController(StatementCatalog catalog, StatementDownloads downloads, Deliveries deliveries,
                         DeliveryRuns deliveryRuns, DeliveryService sends, Words words) {
        this.words = words;
        this.catalog = catalog;
        this.downloads = downloads;
        this.deliveries = deliveries;
        this.deliveryRuns = deliveryRuns;
        this.sends = sends;
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
            throw new BadInputException(words.get("problem.noStatements", period));
        }
        model.addAttribute("period", period);
        model.addAttribute("statements", statements);
        model.addAttribute("manifest", catalog.manifest(period).isPresent());
        model.addAttribute("programmeReport", catalog.programmeReport(period).isPresent());
        model.addAttribute("deliveries", deliveries.ofPeriod(period));
        model.addAttribute("sends", deliveryRuns.ofPeriod(period));
        return "statement-period";
    }

    @PostMapping("/statements/{period}/send")
    String send(@PathVariable String period, Authentication user, RedirectAttributes redirect) {
        return launched(period, redirect, () -> sends.send(Actors.web(user), period).execution());
    }

    /** The distributor is a form field, not a path segment: a code imported before codes were restricted may hold a
     * slash. */
    @PostMapping("/statements/{period}/resend")
    String resend(@PathVariable String period, @RequestParam String distributor, Authentication user,
                  RedirectAttributes redirect) {
        return launched(period, redirect, () -> sends.resend(Actors.web(user), period, distributor).execution());
    }

    private String launched(String period, RedirectAttributes redirect, Supplier<JobExecution> launch) {
        try {
            JobExecution execution = launch.get();
            redirect.addFlashAttribute("message", words.get("flash.send.launched", execution.getId()));
            return "redirect:/executions/" + execution.getId();
        } catch (RefusedException | BadInputException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
            redirect.addAttribute("period", period);
            return "redirect:/statements/{period}";
        }
    }

    @GetMapping("/statements/{period}/files/{file:.+}")
    ResponseEntity<Resource> download(@PathVariable String period, @PathVariable String file,
                                      Authentication user) {
        return downloads.statement(Actors.web(user), period, file);
    }

    @GetMapping("/statements/{period}/programme-report.pdf")
    ResponseEntity<Resource> programmeReport(@PathVariable String period, Authentication user) {
        return downloads.programmeReport(Actors.web(user), period);
    }

    @GetMapping("/statements/{period}/manifest.csv")
    ResponseEntity<Resource> manifest(@PathVariable String period) {
        return downloads.manifest(period);
    }
}
