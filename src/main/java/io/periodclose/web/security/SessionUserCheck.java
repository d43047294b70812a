package io.periodclose.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * A session of the login form keeps the user and roles it signed in with, while HTTP Basic and API tokens are checked
 * against the users file on every request. So every request of a session looks its user up again in
 * {@link UsersDirectory} (a map lookup; the file is re-read only when it changed on disk): when the user was removed,
 * has other roles, or its entry changed since the session first showed it (another distributor, a new password),
 * the session is ended and the request goes on as anonymous, which sends a page to the sign-in. A DISTRIBUTOR
 * whose distributor left the master data changes no file: the portal refuses it itself (403, audited).
 */
final class SessionUserCheck extends OncePerRequestFilter {

    /** The session attribute holding the digest of the user's entry as the session first saw it. */
    static final String ENTRY = SessionUserCheck.class.getName() + ".entry";

    private static final Logger log = LoggerFactory.getLogger(SessionUserCheck.class);
    private static final AuthenticationTrustResolver ANONYMOUS = new AuthenticationTrustResolverImpl();

    private final UsersDirectory users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionUserCheck(UsersDirectory users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = contexts.getContext().getAuthentication();
        if (user != null && user.isAuthenticated() && !ANONYMOUS.isAnonymous(user)) {
            String why = outdated(user, request.getSession(false));
            if (why != null) {
                log.info("Ended the session of {} from {}: {}", user.getName(), request.getRemoteAddr(), why);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                contexts.clearContext();
            }
        }
        chain.doFilter(request, response);
    }

    /** Why the session's user no longer holds, or null when it still does. */
    private String outdated(Authentication user, HttpSession session) {
        Optional<UsersDirectory.Entry> now = users.entry(user.getName());
        if (now.isEmpty()) {
            return "the user is no longer in the users file";
        }
        if (!now.get().authorities().equals(AuthorityUtils.authorityListToSet(user.getAuthorities()))) {
            return "the user's roles changed to " + now.get().authorities();
        }
        if (session == null) {
            return null;
        }
        // the roles matched the file just now, so the entry it has now is the one this session stands for
        Object seen = session.getAttribute(ENTRY);
        if (seen == null) {
            session.setAttribute(ENTRY, now.get().digest());
            return null;
        }
        return seen.equals(now.get().digest()) ? null
                : "the user's entry in the users file changed (distributor or password)";
    }
}
