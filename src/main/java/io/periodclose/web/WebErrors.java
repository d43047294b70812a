package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What the pages show when a request names something that does not exist or a rule refuses it. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class WebErrors {

    private final Words words;

    WebErrors(Words words) {
        this.words = words;
    }

    @ExceptionHandler(BadInputException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(BadInputException e, Model model) {
        model.addAttribute("title", words.get("problem.notFound"));
        model.addAttribute("problem", e.getMessage());
        return "problem";
    }

    @ExceptionHandler(RefusedException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String refused(RefusedException e, Model model) {
        model.addAttribute("title", words.get("problem.refused"));
        model.addAttribute("problem", e.getMessage());
        return "problem";
    }
}
