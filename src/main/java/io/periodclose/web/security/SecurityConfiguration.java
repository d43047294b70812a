package io.periodclose.web.security;

import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Who may do what in {@code serve}. Three filter chains: Actuator (health open to all, the rest ADMIN over HTTP
 * Basic or an API token); the REST API under {@code /api} authenticates every request
 * with HTTP Basic or an API token ({@link ApiTokenFilter}) and keeps no session (so a browser's session cookie never authorises an API call, and CSRF
 * tokens are not needed there); the web interface uses a login form and a session, with CSRF tokens on every
 * state-changing form, and a session ends once its user is removed or changed ({@link SessionUserCheck}).
 * Roles: ADMIN > OPERATOR > FINANCE.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final String FINANCE = Role.FINANCE.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String DISTRIBUTOR = Role.DISTRIBUTOR.name();
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final AuthenticationTrustResolver ANONYMOUS = new AuthenticationTrustResolverImpl();

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(OPERATOR)
                .role(OPERATOR).implies(FINANCE)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The users file and its API tokens, read again when they change on disk. */
    @Bean
    UsersDirectory users(@Value("${period-close.users-file}") Path usersFile, JdbcTemplate jdbc, AuditLog audit) {
        return new UsersDirectory(usersFile, jdbc, audit);
    }

    /** Passwords against bcrypt, with a short cache of verified ones (the one authentication provider). */
    @Bean
    AuthenticationProvider passwords(UsersDirectory users, PasswordEncoder passwordEncoder) {
        return new CachingBasicAuthentication(users, passwordEncoder);
    }

    /** Health for anyone (load balancers, probes); metrics and the rest for ADMIN, with HTTP Basic for collectors. */
    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http, WebHardening hardening, UsersDirectory users) throws Exception {
        return hardening.applyTo(http)
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .addFilterBefore(new ApiTokenFilter(users, SecurityConfiguration::unauthorized),
                        BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AuditLog audit, WebHardening hardening, UsersDirectory users)
            throws Exception {
        return hardening.applyTo(http)
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/executions/*/restart", "/api/executions/*/stop",
                                "/api/executions/*/abandon").hasRole(ADMIN)
                        .requestMatchers("/api/audit/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/executions", "/api/schedules/**").hasRole(OPERATOR)
                        // SPEC §9: a FINANCE user (or above) approves; who launched the run may not (four eyes)
                        .requestMatchers(HttpMethod.POST, "/api/approvals/*/approve", "/api/approvals/*/reject")
                        .hasRole(FINANCE)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(FINANCE)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .addFilterBefore(new ApiTokenFilter(users, SecurityConfiguration::unauthorized),
                        BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(handling -> handling.accessDeniedHandler(audited(audit, Channel.API,
                        (request, response, e) -> json(response, HttpServletResponse.SC_FORBIDDEN,
                                "your role does not allow " + request.getMethod() + " " + request.getRequestURI()))))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain web(HttpSecurity http, AuditLog audit, WebHardening hardening, UsersDirectory users)
            throws Exception {
        return hardening.applyTo(http)
                // a session's user as the users file has it now, before anything acts on it (logout included)
                .addFilterBefore(new SessionUserCheck(users), LogoutFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                        // the distributor portal: a DISTRIBUTOR user sees it and nothing else (anyRequest below)
                        .requestMatchers("/portal/invitation/**").permitAll()
                        .requestMatchers("/portal", "/portal/**").hasRole(DISTRIBUTOR)
                        .requestMatchers("/executions/*/restart", "/executions/*/stop", "/executions/*/abandon")
                        .hasRole(ADMIN)
                        .requestMatchers("/audit/**").hasRole(ADMIN)
                        .requestMatchers("/statements/*/send", "/statements/*/resend").hasRole(ADMIN)
                        .requestMatchers("/launch/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/schedules/**").hasRole(OPERATOR)
                        .anyRequest().hasRole(FINANCE))
                .formLogin(form -> form.loginPage("/login").successHandler(PortalSignIn.successHandler()).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(Customizer.withDefaults())
                .exceptionHandling(handling -> handling.accessDeniedHandler(audited(audit, Channel.WEB,
                        new AccessDeniedHandlerImpl())))
                .build();
    }

    /** 401 without a WWW-Authenticate challenge: a browser never prompts, so it never caches these credentials. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        json(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required");
    }

    /**
     * A signed-in user's refused attempt to change something is itself worth an audit row: who tried what. The
     * audit trail keeps what a person did: a request nobody signed in for (a POST without a CSRF token) is only
     * logged, so anonymous traffic cannot grow the append-only table.
     */
    private static AccessDeniedHandler audited(AuditLog audit, Channel channel, AccessDeniedHandler delegate) {
        return (request, response, e) -> {
            if (!HttpMethod.GET.matches(request.getMethod())) {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                String what = request.getMethod() + " " + path(request);
                if (user == null || !user.isAuthenticated() || ANONYMOUS.isAnonymous(user)) {
                    LOG.warn("refused without sign-in from {}: {} ({})", request.getRemoteAddr(),
                            AuditLog.oneLine(AuditLog.clip(what, AuditLog.MAX_TARGET)),
                            AuditLog.oneLine(AuditLog.clip(e.getMessage(), AuditLog.MAX_DETAIL)));
                } else {
                    audit.record(user.getName(), channel, "DENIED", what, null, Outcome.DENIED, e.getMessage());
                }
            }
            delegate.handle(request, response, e);
        };
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message.replace("\"", "'") + "\"}");
    }
}
