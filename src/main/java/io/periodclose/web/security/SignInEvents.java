package io.periodclose.web.security;

import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every failed sign-in with a user name and password (the login form, HTTP Basic) is counted by the
 * {@link SignInThrottle}, logged, and audited as {@code SIGN_IN FAILED}: the user name as typed (cut to
 * {@value AuditLog#MAX_USERNAME} characters) and the client address. A successful one clears the name's failures.
 * Attempts refused with 429 never reach a password check, so they are only logged: the audit table grows at the
 * pace the throttle allows, not at the pace of an attacker.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignInEvents {

    static final String ACTION = "SIGN_IN";
    private static final Logger LOG = LoggerFactory.getLogger(SignInEvents.class);

    private final SignInThrottle throttle;
    private final AuditLog audit;

    SignInEvents(SignInThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        String name = attempt.getName();
        String address = address(attempt);
        Channel channel = SignInThrottleFilter.current().map(SignInThrottleFilter.Attempt::channel)
                .orElse(Channel.API);
        throttle.failed(name, address);
        String typed = AuditLog.oneLine(AuditLog.clip(name, AuditLog.MAX_USERNAME));
        LOG.warn("failed sign-in of '{}' from {} ({})", typed, address, channel);
        audit.record(name, channel, ACTION, "from " + address, null, Outcome.FAILED,
                "wrong user name or password");
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication user = event.getAuthentication();
        if (user instanceof UsernamePasswordAuthenticationToken) {
            throttle.succeeded(user.getName(), address(user));
        }
    }

    private static String address(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
            return details.getRemoteAddress();
        }
        return SignInThrottleFilter.current().map(SignInThrottleFilter.Attempt::address).orElse("unknown");
    }
}
