package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.approval.Approval;
import io.periodclose.approval.ApprovalReview;
import io.periodclose.approval.ApprovalService;
import io.periodclose.approval.Approvals;
import io.periodclose.reporting.CsvReports;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;

/**
 * SPEC §9 in {@code serve} (FINANCE and up): the runs awaiting approval with what an approver needs to see
 * ({@link ApprovalReview}), the full rebates CSV of each, and approve / reject behind a confirmation page. The
 * decisions are {@link ApprovalService}'s, as on the command line and the API: four eyes, the figures' hash, the
 * audit trail. A page names an approval by its id, so a decision cannot land on another run of the same period.
 */
@Controller
class ApprovalsController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Approvals approvals;
    private final ApprovalReview review;
    private final ApprovalService service;
    private final CsvReports reports;
    private final Words words;

    ApprovalsController(Approvals approvals, ApprovalReview review, ApprovalService service, CsvReports reports,
                        Words words) {
        this.words = words;
        this.approvals = approvals;
        this.review = review;
        this.service = service;
        this.reports = reports;
    }

    @GetMapping("/approvals")
    String list(Model model) {
        model.addAttribute("reviews", review.pending());
        return "approvals";
    }

    /** The rebates of the run (a year-end: its annual rebate) in the format of the {@code rebates} report. */
    @GetMapping("/approvals/{id}/rebates.csv")
    ResponseEntity<String> rebates(@PathVariable long id) {
        Approval approval = find(id);
        StringBuilder out = new StringBuilder();
        String name;
        if (approval.closeRunId() != null) {
            reports.rebates(approval.closeRunId(), out);
            name = "rebates-" + approval.period() + "-run-" + approval.closeRunId() + ".csv";
        } else {
            reports.annualRows(Integer.parseInt(approval.period()), out);
            name = "annual-" + approval.period() + ".csv";
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(out.toString());
    }

    @GetMapping("/approvals/{id}/{decision:approve|reject}")
    String confirm(@PathVariable long id, @PathVariable String decision, Model model) {
        Approval approval = find(id);
        model.addAttribute("review", review.review(approval));
        model.addAttribute("decision", decision);
        return "approval-confirm";
    }

    @PostMapping("/approvals/{id}/{decision:approve|reject}")
    String decide(@PathVariable long id, @PathVariable String decision, @RequestParam(required = false) String reason,
                  Authentication user, RedirectAttributes redirect) {
        Approval approval = find(id);
        try {
            Approval latest = approvals.latest(approval.job(), approval.period()).orElseThrow();
            if (latest.id() != approval.id()) {
                throw new RefusedException(words.get("refusal.newerRun", approval.period()));
            }
            if (decision.equals("approve")) {
                ApprovalService.Decision done = service.approve(Actors.web(user), approval.period());
                redirect.addFlashAttribute("message", words.get("flash.approved", what(approval),
                        done.execution().getId()));
                return "redirect:/executions/" + done.execution().getId();
            }
            service.reject(Actors.web(user), approval.period(), reason);
            redirect.addFlashAttribute("message", words.get("flash.rejected", what(approval), approval.period()));
        } catch (RefusedException | BadInputException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/approvals";
    }

    private Approval find(long id) {
        return approvals.find(id).orElseThrow(() -> new BadInputException(words.get("problem.noApproval", id)));
    }

    private String what(Approval approval) {
        return words.get(approval.job().equals("close") ? "approval.what.close" : "approval.what.year-end",
                approval.period());
    }
}
