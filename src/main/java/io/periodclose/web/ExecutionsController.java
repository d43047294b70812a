package io.periodclose.web;

import io.periodclose.approval.ApprovalService;
import io.periodclose.approval.Approvals;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.JobHistory;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations;
import io.periodclose.RefusedException;
import io.periodclose.web.security.Role;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The executions: the filterable list, one execution's page, and restart / stop / abandon with confirmation. */
@Controller
class ExecutionsController {

    private final JobHistory history;
    private final JobRuns jobRuns;
    private final Operations operations;
    private final AuditLog audit;
    private final Approvals approvals;
    private final ApprovalService approvalService;
    private final Words words;

    ExecutionsController(JobHistory history, JobRuns jobRuns, Operations operations, AuditLog audit,
                         Approvals approvals, ApprovalService approvalService, Words words) {
        this.words = words;
        this.approvals = approvals;
        this.approvalService = approvalService;
        this.history = history;
        this.jobRuns = jobRuns;
        this.operations = operations;
        this.audit = audit;
    }

    @GetMapping("/executions")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(defaultValue = "100") int limit, Model model) {
        List<JobHistory.ExecutionRow> rows = history.newestFirst(new JobHistory.Filter(job, status, from, to),
                Math.min(Math.max(limit, 1), 1000));
        model.addAttribute("rows", rows);
        model.addAttribute("jobs", history.jobNames());
        model.addAttribute("statuses", Arrays.stream(BatchStatus.values()).map(Enum::name).toList());
        model.addAttribute("job", job);
        model.addAttribute("status", status);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("anyRunning", rows.stream().anyMatch(row -> BatchStatus.valueOf(row.status()).isRunning()));
        return "executions";
    }

    /** The execution; its audit rows (who did what to it) only for ADMIN, who alone reads the audit trail. */
    @GetMapping("/executions/{id}")
    String show(@PathVariable long id, Authentication user, Model model) {
        JobExecution execution = jobRuns.execution(id);
        model.addAttribute("execution", ExecutionDetails.of(execution));
        model.addAttribute("approval", approvals.forExecution(id).orElse(null));
        model.addAttribute("audit", isAdmin(user) ? audit.newestFirst(new AuditLog.Filter(null, null, id), 50)
                : List.of());
        return "execution";
    }

    private static boolean isAdmin(Authentication user) {
        return user != null && user.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + Role.ADMIN.name()).equals(authority.getAuthority()));
    }

    /**
     * SPEC §9: the signed-in user (FINANCE or above) approves the figures the execution stopped with, which
     * continues it, or rejects them with a reason, which abandons it.
     */
    @PostMapping("/executions/{id}/{decision:approve|reject}")
    String decide(@PathVariable long id, @PathVariable String decision,
                  @RequestParam(required = false) String reason, Authentication user, RedirectAttributes redirect) {
        jobRuns.execution(id);
        try {
            var approval = approvals.forExecution(id).orElseThrow(() -> new RefusedException(
                    words.get("refusal.notAwaiting", id)));
            if (decision.equals("approve")) {
                ApprovalService.Decision done = approvalService.approve(Actors.web(user), approval.period());
                redirect.addFlashAttribute("message", words.get("flash.execution.approved",
                        done.execution().getId(), approval.period()));
                return "redirect:/executions/" + done.execution().getId();
            }
            approvalService.reject(Actors.web(user), approval.period(), reason);
            redirect.addFlashAttribute("message", words.get("flash.execution.rejected", id));
        } catch (RefusedException | io.periodclose.BadInputException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/executions/" + id;
    }

    @GetMapping("/executions/{id}/{action:restart|stop|abandon}")
    String confirm(@PathVariable long id, @PathVariable String action, Model model) {
        model.addAttribute("execution", ExecutionDetails.of(jobRuns.execution(id)));
        model.addAttribute("action", action);
        return "confirm";
    }

    @PostMapping("/executions/{id}/{action:restart|stop|abandon}")
    String act(@PathVariable long id, @PathVariable String action, Authentication user,
               RedirectAttributes redirect) {
        try {
            JobExecution execution = switch (action) {
                case "restart" -> operations.restart(Actors.web(user), id);
                case "stop" -> operations.stop(Actors.web(user), id);
                default -> operations.abandon(Actors.web(user), id);
            };
            redirect.addFlashAttribute("message", words.get("flash.execution." + action, id, execution.getId()));
            return "redirect:/executions/" + execution.getId();
        } catch (RefusedException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
            return "redirect:/executions/" + id;
        }
    }
}
