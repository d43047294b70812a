package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ops.Operations;
import io.periodclose.period.PeriodRules;
import io.periodclose.period.Quarter;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;

/** Launching a close, a re-close or a year-end by hand (OPERATOR). The period rules decide, as on the command line. */
@Controller
class LaunchController {

    private final Operations operations;
    private final PeriodRules rules;
    private final Words words;

    LaunchController(Operations operations, PeriodRules rules, Words words) {
        this.words = words;
        this.operations = operations;
        this.rules = rules;
    }

    @GetMapping("/launch")
    String form(Model model) {
        LocalDate today = LocalDate.now();
        Quarter latestEnded = Quarter.of(today).previous();
        Quarter next = rules.lastClosed().map(Quarter::next).orElse(latestEnded);
        model.addAttribute("period", next.compareTo(latestEnded) <= 0 ? next : latestEnded);
        model.addAttribute("today", today);
        model.addAttribute("lastClosed", rules.lastClosed().map(Quarter::toString).orElse(null));
        model.addAttribute("year", rules.lastLockedYear().map(year -> year + 1).orElse(today.getYear() - 1));
        return "launch";
    }

    @PostMapping("/launch/close")
    String close(@RequestParam String period,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                 @RequestParam(defaultValue = "false") boolean reclose, Authentication user,
                 RedirectAttributes redirect) {
        return launched(redirect, () -> operations.close(Actors.web(user), words.quarter(period),
                asOf == null ? LocalDate.now() : asOf, reclose));
    }

    @PostMapping("/launch/expire")
    String expire(@RequestParam int year, Authentication user, RedirectAttributes redirect) {
        return launched(redirect, () -> operations.expire(Actors.web(user), year));
    }

    private String launched(RedirectAttributes redirect, java.util.function.Supplier<JobExecution> launch) {
        try {
            JobExecution execution = launch.get();
            redirect.addFlashAttribute("message", words.get("flash.launched", execution.getJobInstance().getJobName(),
                    execution.getId()));
            return "redirect:/executions/" + execution.getId();
        } catch (RefusedException | BadInputException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
            return "redirect:/launch";
        }
    }
}
