package io.periodclose.web.security;

import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * In front of the sign-in filters of every chain: a sign-in attempt (a POST of the login form, or a request with
 * HTTP Basic credentials) of a locked user name or from a locked address is answered 429 with {@code Retry-After}
 * before any password is checked. Not a bean: {@link SecurityConfiguration} adds one to each chain. The attempt
 * is kept for the request's thread, so that {@link SignInEvents} knows the channel it came through.
 */
public class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SignInThrottleFilter.class);
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    /** Who tries to sign in, from where, through which channel. */
    record Attempt(String name, String address, Channel channel) {
    }

    private final SignInThrottle throttle;
    private final MessageSource messages;
    private final LocaleResolver locales;

    /** The sign-in page's refusal in the admin interface's language ({@code messages} resolved by {@code locales}). */
    public SignInThrottleFilter(SignInThrottle throttle, MessageSource messages, LocaleResolver locales) {
        this.throttle = throttle;
        this.messages = messages;
        this.locales = locales;
    }

    /** The attempt the current request makes, if it makes one. */
    static Optional<Attempt> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Attempt attempt = attempt(request);
        if (attempt == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> wait = throttle.retryAfter(attempt.name(), attempt.address());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            LOG.warn("sign-in of '{}' from {} refused for {} s more: too many failed sign-ins",
                    AuditLog.oneLine(AuditLog.clip(attempt.name(), AuditLog.MAX_USERNAME)), attempt.address(),
                    seconds);
            tooMany(request, response, attempt.channel(), seconds);
            return;
        }
        CURRENT.set(attempt);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }

    private static Attempt attempt(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                if (colon >= 0) {
                    return new Attempt(credentials.substring(0, colon), request.getRemoteAddr(), Channel.API);
                }
            } catch (IllegalArgumentException e) {
                return null; // not Base64: the Basic filter refuses it
            }
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
            String name = request.getParameter("username");
            return new Attempt(name == null ? "" : name, request.getRemoteAddr(), Channel.WEB);
        }
        return null;
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, Channel channel, long seconds)
            throws IOException {
        String message = "Too many failed sign-ins: try again in " + seconds + " seconds.";
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (channel == Channel.WEB) {
            // the page in the admin interface's language; the API's JSON below stays as it is for scripts
            Locale locale = locales.resolveLocale(request);
            String page = messages.getMessage("signIn.tooMany", new Object[] {Long.toString(seconds)}, locale);
            String signIn = messages.getMessage("login.signIn", null, locale);
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head>"
                    + "<meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(signIn) + " - period-close</title>"
                    + "<link rel=\"stylesheet\" href=\"css/app.css\"></head>"
                    + "<body class=\"login\"><main><h1>period-close</h1><p class=\"flash refused\">"
                    + HtmlUtils.htmlEscape(page) + "</p><p><a href=\"login\">" + HtmlUtils.htmlEscape(signIn)
                    + "</a></p></main></body></html>");
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"status\":429,\"error\":\"" + message + "\"}");
        }
    }
}
