package io.periodclose.web.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Component;

/**
 * What every filter chain of {@code serve} adds to Spring Security's defaults: the {@link SignInThrottle} in
 * front of the sign-in filters, a {@code Content-Security-Policy} and a {@code Referrer-Policy}.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebHardening {

    /**
     * The pages load their stylesheet, Swagger UI its scripts and styles, from this server only; no inline script
     * or style is allowed (the templates have none); images may be data: URIs (Swagger UI's icons); no page may be
     * framed, no form posted elsewhere, no plugin loaded.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    private final SignInThrottle throttle;
    private final MessageSource messages;
    private final LocaleResolver locales;

    /** {@code messages} and {@code locales}: the admin interface's, for the page of a refused sign-in. */
    public WebHardening(SignInThrottle throttle, MessageSource messages, LocaleResolver locales) {
        this.throttle = throttle;
        this.messages = messages;
        this.locales = locales;
    }

    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return http
                .addFilterBefore(new SignInThrottleFilter(throttle, messages, locales), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    }
}
