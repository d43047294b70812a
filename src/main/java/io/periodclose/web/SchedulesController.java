package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.approval.Approvals;
import io.periodclose.schedule.ScheduleActions;
import io.periodclose.schedule.ScheduleView;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The schedules of jobs/schedule.yml with their next run; pause, resume and run now (OPERATOR). */
@Controller
class SchedulesController {

    private final ScheduleActions schedules;
    private final Approvals approvals;
    private final Words words;

    SchedulesController(ScheduleActions schedules, Approvals approvals, Words words) {
        this.words = words;
        this.schedules = schedules;
        this.approvals = approvals;
    }

    @GetMapping("/schedules")
    String list(Model model) {
        var views = schedules.list();
        model.addAttribute("schedules", views);
        // a scheduled close that stopped for approval (SPEC §9) waits for a person: shown as such
        model.addAttribute("awaiting", approvals.awaiting(views.stream().map(ScheduleView::lastFiring)
                .filter(java.util.Objects::nonNull).map(ScheduleView.Firing::jobExecutionId)
                .filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("running", schedules.running());
        return "schedules";
    }

    @PostMapping("/schedules/{name}/{action:pause|resume|trigger}")
    String act(@PathVariable String name, @PathVariable String action, Authentication user,
               RedirectAttributes redirect) {
        try {
            switch (action) {
                case "pause" -> schedules.pause(Actors.web(user), name);
                case "resume" -> schedules.resume(Actors.web(user), name);
                default -> schedules.triggerNow(Actors.web(user), name);
            }
            redirect.addFlashAttribute("message", words.get("flash.schedule." + action, name));
        } catch (RefusedException | BadInputException | IllegalStateException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/schedules";
    }
}
