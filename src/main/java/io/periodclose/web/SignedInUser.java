package io.periodclose.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.stream.Collectors;

/** The signed-in user's roles for the header of every page (the authorities also hold sign-in factors). */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class SignedInUser {

    @ModelAttribute("roles")
    String roles(Authentication authentication) {
        if (authentication == null) {
            return "";
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .collect(Collectors.joining(" "));
    }
}
