package io.periodclose.web;

import io.periodclose.ops.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail (ADMIN): who did what, when, to which execution, and how it ended. */
@Controller
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String list(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
                @RequestParam(required = false) Long execution, Model model) {
        model.addAttribute("events", audit.newestFirst(new AuditLog.Filter(user, action, execution), 500));
        model.addAttribute("user", user);
        model.addAttribute("action", action);
        model.addAttribute("execution", execution);
        return "audit";
    }
}
