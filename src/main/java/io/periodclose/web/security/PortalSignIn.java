package io.periodclose.web.security;

import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * Where a sign-in lands: a DISTRIBUTOR user on its portal (the admin interface would only answer 403), everyone
 * else where they were going, or the dashboard.
 */
final class PortalSignIn {

    private PortalSignIn() {
    }

    static AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler staff = new SavedRequestAwareAuthenticationSuccessHandler();
        staff.setDefaultTargetUrl("/");
        SimpleUrlAuthenticationSuccessHandler portal = new SimpleUrlAuthenticationSuccessHandler("/portal");
        portal.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, authentication) -> {
            boolean distributor = authentication.getAuthorities().stream()
                    .anyMatch(authority -> ("ROLE_" + Role.DISTRIBUTOR.name()).equals(authority.getAuthority()));
            (distributor ? portal : staff).onAuthenticationSuccess(request, response, authentication);
        };
    }
}
