package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.JobRuns;
import io.periodclose.period.Quarter;
import io.periodclose.simulation.CostChart;
import io.periodclose.simulation.Simulation;
import io.periodclose.simulation.SimulationReport;
import io.periodclose.simulation.SimulationService;
import io.periodclose.simulation.Simulations;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Simulation (SPEC §9) in {@code serve}, for every signed-in role (FINANCE and up): upload a draft programme, pick a
 * quarter, see the comparison with the cost per tier and per rung as a server-drawn SVG (an image: no script, no
 * inline style), download the CSV. The job runs like any other, so its page shows the progress meanwhile.
 */
@Controller
class SimulationsController {

    private static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final SimulationService service;
    private final Simulations simulations;
    private final SimulationReport report;
    private final JobRuns jobRuns;
    private final Words words;
    private final WebFormat format;

    SimulationsController(SimulationService service, Simulations simulations, SimulationReport report,
                          JobRuns jobRuns, Words words, WebFormat format) {
        this.words = words;
        this.format = format;
        this.service = service;
        this.simulations = simulations;
        this.report = report;
        this.jobRuns = jobRuns;
    }

    @GetMapping("/simulations")
    String list(Model model) {
        model.addAttribute("period", Quarter.of(LocalDate.now()).previous());
        model.addAttribute("simulations", simulations.newestFirst(50));
        return "simulations";
    }

    @PostMapping("/simulations")
    String simulate(@RequestParam String period, @RequestParam("program") MultipartFile program,
                    Authentication user, RedirectAttributes redirect) throws IOException {
        try {
            Quarter quarter = words.quarter(period);
            String name = "uploaded " + AuditLog.oneLine(AuditLog.clip(
                    program.getOriginalFilename() == null ? "programme" : program.getOriginalFilename(), 100));
            SimulationService.Launched launched = service.simulate(Actors.web(user), quarter, name,
                    program.getBytes());
            redirect.addFlashAttribute("message", words.get("flash.simulation.launched", launched.simulation().id(),
                    quarter, launched.execution().getId()));
            return "redirect:/simulations/" + launched.simulation().id();
        } catch (BadInputException | RefusedException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
            return "redirect:/simulations";
        }
    }

    @GetMapping("/simulations/{id}")
    String show(@PathVariable long id, Model model) {
        Simulation simulation = find(id);
        model.addAttribute("simulation", simulation);
        JobExecution execution = simulation.jobExecutionId() == null ? null
                : jobRuns.execution(simulation.jobExecutionId());
        model.addAttribute("execution", execution);
        boolean done = execution != null && execution.getStatus() == BatchStatus.COMPLETED;
        model.addAttribute("done", done);
        if (done) {
            model.addAttribute("summary", report.summary(simulation, simulations.programs(simulation)));
        }
        return "simulation";
    }

    @GetMapping("/simulations/{id}/chart.svg")
    ResponseEntity<String> chart(@PathVariable long id) {
        Simulation simulation = completed(id);
        SimulationReport.Summary summary = report.summary(simulation, simulations.programs(simulation));
        return ResponseEntity.ok().contentType(SVG).body(CostChart.svg(summary.costs(), summary.compared(),
                words.get("simulation.cost"), words.get("chart.inForce"), words.get("chart.draft"),
                format::money, cost -> cost.ladder() == null ? cost.label()
                        : words.get("simulation.ladder." + cost.ladder()) + " "
                        + format.number(cost.rung().toPlainString()) + "%"));
    }

    @GetMapping("/simulations/{id}/simulation.csv")
    ResponseEntity<String> csv(@PathVariable long id) {
        Simulation simulation = completed(id);
        StringBuilder out = new StringBuilder();
        report.csv(simulation, out);
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("simulation-" + simulation.id() + "-" + simulation.quarter() + ".csv").build()
                        .toString())
                .body(out.toString());
    }

    private Simulation find(long id) {
        return simulations.find(id).orElseThrow(() -> new BadInputException(words.get("problem.noSimulation", id)));
    }

    private Simulation completed(long id) {
        Simulation simulation = find(id);
        if (simulation.jobExecutionId() == null
                || jobRuns.execution(simulation.jobExecutionId()).getStatus() != BatchStatus.COMPLETED) {
            throw new RefusedException(words.get("refusal.simulationNotDone", id));
        }
        return simulation;
    }
}
