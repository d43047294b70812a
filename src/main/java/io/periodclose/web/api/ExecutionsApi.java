package io.periodclose.web.api;

import io.periodclose.BadInputException;
import io.periodclose.ops.JobHistory;
import io.periodclose.ops.JobRuns;
import io.periodclose.ops.Operations;
import io.periodclose.period.Quarter;
import io.periodclose.web.Actors;
import io.periodclose.web.ExecutionDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping(path = "/api/executions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Executions", description = "Launch, poll, restart, stop and abandon job executions")
class ExecutionsApi {

    @Schema(description = "What to launch: a close ({\"job\":\"close\",\"period\":\"2026-Q3\"}, optionally asOf and"
            + " reclose) or a year-end ({\"job\":\"expire\",\"year\":2026})")
    record LaunchRequest(
            @Schema(allowableValues = {"close", "expire"}, requiredMode = Schema.RequiredMode.REQUIRED) String job,
            @Schema(example = "2026-Q3") String period,
            @Schema(description = "business date; default today") LocalDate asOf,
            @Schema(description = "re-close an already closed quarter, posting only the differences") Boolean reclose,
            @Schema(example = "2026") Integer year) {
    }

    private final JobHistory history;
    private final JobRuns jobRuns;
    private final Operations operations;

    ExecutionsApi(JobHistory history, JobRuns jobRuns, Operations operations) {
        this.history = history;
        this.jobRuns = jobRuns;
        this.operations = operations;
    }

    @GetMapping
    @Operation(summary = "Executions, newest first, filtered by job, status and start date (inclusive)")
    List<JobHistory.ExecutionRow> list(@RequestParam(required = false) String job,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(defaultValue = "100") int limit) {
        return history.newestFirst(new JobHistory.Filter(job, status, from, to), Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One execution with its parameters, steps, partitions and progress; poll it until it"
            + " is no longer running")
    ExecutionDetails show(@PathVariable long id) {
        return ExecutionDetails.of(jobRuns.execution(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Launch a close or a year-end (OPERATOR). 202 with the new execution; 409 when a rule"
            + " refuses it (period order, already closed or running, year locked)")
    ResponseEntity<ExecutionDetails> launch(@RequestBody LaunchRequest request, Authentication user) {
        JobExecution execution = switch (request.job() == null ? "" : request.job()) {
            case "close" -> {
                if (request.period() == null) {
                    throw new BadInputException("a close needs \"period\", e.g. \"2026-Q3\"");
                }
                yield operations.close(Actors.api(user), Quarter.parse(request.period()),
                        request.asOf() == null ? LocalDate.now() : request.asOf(),
                        Boolean.TRUE.equals(request.reclose()));
            }
            case "expire" -> {
                if (request.year() == null) {
                    throw new BadInputException("a year-end needs \"year\", e.g. 2026");
                }
                yield operations.expire(Actors.api(user), request.year());
            }
            default -> throw new BadInputException("\"job\" must be \"close\" or \"expire\"");
        };
        return accepted(execution);
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a failed or stopped execution where it ended (ADMIN); one left running by a"
            + " dead process is recovered first. 202 with the new execution")
    ResponseEntity<ExecutionDetails> restart(@PathVariable long id, Authentication user) {
        return accepted(operations.restart(Actors.api(user), id));
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Ask a running execution to stop at its next chunk boundary (ADMIN)")
    ExecutionDetails stop(@PathVariable long id, Authentication user) {
        return ExecutionDetails.of(operations.stop(Actors.api(user), id));
    }

    @PostMapping("/{id}/abandon")
    @Operation(summary = "Give up a failed or stopped execution for good (ADMIN)")
    ExecutionDetails abandon(@PathVariable long id, Authentication user) {
        return ExecutionDetails.of(operations.abandon(Actors.api(user), id));
    }

    private ResponseEntity<ExecutionDetails> accepted(JobExecution execution) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/executions/" + execution.getId()))
                .body(ExecutionDetails.of(jobRuns.execution(execution.getId())));
    }
}
