package io.periodclose.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords (HTTP Basic and the login form) are checked against their bcrypt hash, which is slow by design
 * (about 0.1 s of CPU): too slow to pay on every API request of a dashboard or a monitoring poller. A verified
 * user and password is therefore remembered for {@link #TTL}, keyed by an HMAC-SHA256 of user and password under
 * a random key of this process (the password itself is never kept). A different password is never found in the
 * cache and goes to bcrypt; the cache is emptied whenever the users file or its tokens change
 * ({@link UsersDirectory#generation()}), so a changed password or a removed user stops working at once. At most
 * {@link #MAX_ENTRIES} entries.
 */
public final class CachingBasicAuthentication implements AuthenticationProvider {

    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 1000;

    private record Verified(UserDetails user, long expires, long generation) {
    }

    private final UsersDirectory users;
    private final DaoAuthenticationProvider bcrypt;
    private final byte[] key = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public CachingBasicAuthentication(UsersDirectory users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.bcrypt = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.bcrypt.setPasswordEncoder(passwordEncoder);
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            return bcrypt.authenticate(authentication);
        }
        long generation = users.generation();
        long now = System.nanoTime();
        String entry = ApiTokens.hmac(key, authentication.getName() + '\u0000' + password);
        Verified known = verified.get(entry);
        if (known != null && known.generation() == generation && now - known.expires() < 0) {
            if (!users.mayActNow(known.user().getUsername())) {
                // a DISTRIBUTOR user whose distributor was removed since: no file changed, so ask every time
                throw new DisabledException("the user's distributor no longer exists");
            }
            return authenticated(known.user(), authentication);
        }
        Authentication result = bcrypt.authenticate(authentication);
        if (result != null && result.getPrincipal() instanceof UserDetails user) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(old -> old.generation() != generation || now - old.expires() >= 0);
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(entry, new Verified(user, now + TTL.toNanos(), generation));
            return authenticated(user, authentication);
        }
        return result;
    }

    /** A fresh authentication for each request: the cached one is never handed out and never mutated. */
    private static Authentication authenticated(UserDetails user, Authentication request) {
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities());
        result.setDetails(request.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
