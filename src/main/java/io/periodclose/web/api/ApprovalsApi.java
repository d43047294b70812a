package io.periodclose.web.api;

import io.periodclose.approval.Approval;
import io.periodclose.approval.ApprovalService;
import io.periodclose.approval.ApprovalService.Decision;
import io.periodclose.web.Actors;
import io.periodclose.web.ExecutionDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** SPEC §9: approve or reject the figures of a run that stopped for approval; the signed-in user decides. */
@RestController
@RequestMapping(path = "/api/approvals", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Approvals", description = "Approve or reject a close, re-close or year-end that stopped for approval")
class ApprovalsApi {

    @Schema(description = "Why the figures are rejected, for the audit trail")
    record Rejection(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    /** The decided approval and the execution it concerns (for an approval, the one that now posts). */
    record DecisionView(Approval approval, ExecutionDetails execution) {
        static DecisionView of(Decision decision) {
            return new DecisionView(decision.approval(), ExecutionDetails.of(decision.execution()));
        }
    }

    private final ApprovalService approvals;

    ApprovalsApi(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @PostMapping("/{period}/approve")
    @Operation(summary = "Approve the figures of the period (a quarter, or a year for a year-end) and continue the"
            + " run, which posts (FINANCE). 202 with the continued execution; 409 for the user who launched it (four"
            + " eyes), when nothing awaits approval or when the figures changed since they were calculated")
    ResponseEntity<DecisionView> approve(@PathVariable String period, Authentication user) {
        Decision decision = approvals.approve(Actors.api(user), period);
        return ResponseEntity.accepted().location(URI.create("/api/executions/" + decision.execution().getId()))
                .body(DecisionView.of(decision));
    }

    @PostMapping(path = "/{period}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reject the figures of the period (FINANCE): the run is abandoned with nothing posted and"
            + " the period can be run again. 400 without a reason")
    DecisionView reject(@PathVariable String period, @RequestBody Rejection rejection, Authentication user) {
        return DecisionView.of(approvals.reject(Actors.api(user), period, rejection == null ? null
                : rejection.reason()));
    }
}
