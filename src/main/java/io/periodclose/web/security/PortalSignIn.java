package io.periodclose.web.security;

import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.util.UrlUtils;

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
        staff.setRedirectStrategy(onThisServer());
        SimpleUrlAuthenticationSuccessHandler portal = new SimpleUrlAuthenticationSuccessHandler("/portal");
        portal.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, authentication) -> {
            boolean distributor = authentication.getAuthorities().stream()
                    .anyMatch(authority -> ("ROLE_" + Role.DISTRIBUTOR.name()).equals(authority.getAuthority()));
            (distributor ? portal : staff).onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * The saved request's address is absolute, built from the Host header it came with: only its path and query
     * are kept, so the redirect stays relative like every other one (a forged Host is never echoed back, and
     * {@link PublicUrlRedirects} makes it absolute with the public URL when one is set).
     */
    private static RedirectStrategy onThisServer() {
        DefaultRedirectStrategy redirects = new DefaultRedirectStrategy();
        return (request, response, url) -> {
            if (UrlUtils.isAbsoluteUrl(url)) {
                response.sendRedirect(response.encodeRedirectURL(pathAndQuery(url)));
            } else {
                redirects.sendRedirect(request, response, url);
            }
        };
    }

    /** {@code /executions?x=1} of {@code http://evil.example/executions?x=1}. */
    static String pathAndQuery(String absoluteUrl) {
        String afterScheme = absoluteUrl.substring(absoluteUrl.indexOf("://") + 3);
        int end = 0;
        while (end < afterScheme.length() && "/?#".indexOf(afterScheme.charAt(end)) < 0) {
            end++;
        }
        String rest = afterScheme.substring(end);
        String local = rest.startsWith("/") ? rest : "/" + rest;
        // "//host" or "/\host" would be read by a browser as another host
        return local.startsWith("//") || local.startsWith("/\\") ? "/" : local;
    }
}
