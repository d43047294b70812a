package io.periodclose.portal;

import io.periodclose.BadInputException;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.web.security.Invitations;
import io.periodclose.web.security.UsersFile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The page an invitation link opens ({@code users invite}): open to anyone holding a valid link, where a
 * distributor's contact chooses a name and a password and becomes a DISTRIBUTOR user of the invited distributor.
 * An unknown, used or expired link shows the same "not valid" page with 404, so a link cannot be probed.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PortalInvitationController {

    static final int MINIMUM_PASSWORD_LENGTH = 12;

    private final Path usersFile;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    PortalInvitationController(@Value("${period-close.users-file}") Path usersFile, PasswordEncoder passwords,
                               AuditLog audit, ObjectProvider<Clock> clock) {
        this.usersFile = usersFile;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/portal/invitation/{token}")
    String show(@PathVariable String token, @RequestParam(required = false) String lang, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        words(request, lang, model);
        return Invitations.find(usersFile, token, Instant.now(clock)).map(invitation -> {
            model.addAttribute("token", token);
            model.addAttribute("distributor", invitation.distributor());
            return "portal-invitation";
        }).orElseGet(() -> invalid(response, model));
    }

    @PostMapping("/portal/invitation/{token}")
    String accept(@PathVariable String token, @RequestParam String name, @RequestParam String password,
                  @RequestParam String again, HttpServletRequest request, HttpServletResponse response, Model model) {
        words(request, null, model);
        Instant now = Instant.now(clock);
        var invitation = Invitations.find(usersFile, token, now);
        if (invitation.isEmpty()) {
            return invalid(response, model);
        }
        model.addAttribute("token", token);
        model.addAttribute("distributor", invitation.get().distributor());
        model.addAttribute("name", name);
        String problem = password.length() < MINIMUM_PASSWORD_LENGTH ? "passwordTooShort"
                : !password.equals(again) ? "passwordsDiffer" : null;
        if (problem != null) {
            model.addAttribute("problem", problem);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "portal-invitation";
        }
        UsersFile.User user;
        try {
            user = Invitations.accept(usersFile, token, name.strip(), passwords.encode(password), now);
        } catch (BadInputException e) {
            model.addAttribute("problem", "nameRefused");
            model.addAttribute("detail", e.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "portal-invitation";
        }
        audit.record(user.name(), Channel.WEB, "INVITATION_ACCEPTED", "portal of " + user.distributor(), null,
                Outcome.DONE, "invited until " + invitation.get().expires() + " by " + invitation.get().issuedBy());
        return "redirect:/login?invited";
    }

    private static String invalid(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("problem", "invitationInvalid");
        return "portal-problem";
    }

    private static void words(HttpServletRequest request, String lang, Model model) {
        String language = PortalText.language(request, lang);
        model.addAttribute("lang", language);
        model.addAttribute("t", PortalText.of(language));
    }
}
