package io.periodclose.web;

import io.periodclose.dashboard.DashboardService;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page of {@code serve} after sign-in, for every role (FINANCE and up): the bonus fund per quarter and
 * currency with its chart, utilisation, attainment rungs, the top distributors and the latest close. The charts are
 * SVG drawn on the server and placed in the page (presentation attributes only, every text escaped), so the page
 * needs no script and no inline style.
 */
@Controller
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping({"/", "/dashboard"})
    String dashboard(Model model) {
        model.addAttribute("dashboard", dashboards.dashboard(LocaleContextHolder.getLocale()));
        return "dashboard";
    }
}
