package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.schedule.ScheduleActions;
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

    SchedulesController(ScheduleActions schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/schedules")
    String list(Model model) {
        model.addAttribute("schedules", schedules.list());
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
            redirect.addFlashAttribute("message", switch (action) {
                case "pause" -> "Schedule " + name + " paused.";
                case "resume" -> "Schedule " + name + " resumed.";
                default -> "Schedule " + name + " fires now; its run appears under Executions and its outcome here.";
            });
        } catch (RefusedException | BadInputException | IllegalStateException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/schedules";
    }
}
