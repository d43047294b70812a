package io.periodclose.web.api;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the API as RFC 9457 problem details: a rule's refusal is 409 (the command line's exit 3), unusable
 * input or an unknown execution 400/404 (exit 2), so an external scheduler can tell them from a failed job.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Refused by a rule");
        return problem;
    }

    @ExceptionHandler(BadInputException.class)
    ProblemDetail badInput(BadInputException e) {
        HttpStatus status = e.getMessage() != null && e.getMessage().startsWith("there is no")
                ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(status == HttpStatus.NOT_FOUND ? "Not found" : "Bad request");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }
}
