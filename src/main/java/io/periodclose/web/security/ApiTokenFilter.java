package io.periodclose.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} on the API and Actuator: the request acts as the token's user, with that
 * user's roles. An unknown, revoked or malformed token is answered 401 at once, never passed on as anonymous.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final UsersDirectory users;
    private final AuthenticationEntryPoint unauthorized;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiTokenFilter(UsersDirectory users, AuthenticationEntryPoint unauthorized) {
        this.users = users;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserDetails> user = users.forToken(header.substring(BEARER.length()).strip());
        if (user.isEmpty()) {
            log.warn("Refused an unknown or revoked API token from {} for {} {}", request.getRemoteAddr(),
                    request.getMethod(), request.getRequestURI());
            contexts.clearContext();
            unauthorized.commence(request, response, new BadCredentialsException("unknown or revoked API token"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
                user.get().getAuthorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
