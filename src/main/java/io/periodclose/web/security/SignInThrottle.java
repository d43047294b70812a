package io.periodclose.web.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection for signing in (the login form and HTTP Basic alike): failed sign-ins are counted per
 * user name and per client address, and past a number of free failures the name or the address is locked for a
 * while, answered 429 with {@code Retry-After} without checking the password.
 * <ul>
 * <li>A user name gets {@value #FREE_FAILURES_PER_NAME} failures, an address (many people may share one)
 * {@value #FREE_FAILURES_PER_ADDRESS}; the failure that reaches the limit locks for one minute, and each failure
 * after a lock has run out doubles it, up to {@link #LONGEST_LOCK} (15 minutes).</li>
 * <li>Every lock runs out: nobody is locked out for good. A successful sign-in clears the name's failures.</li>
 * <li>The lock of a user name does not apply at an address from which that name has signed in successfully
 * (within {@link #KNOWN_ADDRESS_KEPT}): someone guessing the admin's password from elsewhere cannot keep the admin
 * out. The lock of an address applies to every name.</li>
 * <li>Failures are forgotten {@link #FORGET_AFTER} after the last one. The state lives in this process only (a
 * restart of {@code serve} forgets it) and holds at most {@value #MAX_ENTRIES} names and as many addresses.</li>
 * </ul>
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SignInThrottle {

    static final int FREE_FAILURES_PER_NAME = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    static final Duration KNOWN_ADDRESS_KEPT = Duration.ofDays(30);
    static final int MAX_ENTRIES = 100_000;
    private static final int MAX_NAME = 64;

    /** Failures of one name or one address, and until when it is locked. */
    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final Map<String, Failures> byName = lru();
    private final Map<String, Failures> byAddress = lru();
    private final Map<String, Instant> knownAddresses = lru();

    @Autowired
    public SignInThrottle(ObjectProvider<Clock> clock) {
        this(clock.getIfAvailable(Clock::systemUTC));
    }

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code name} must wait before trying at {@code address}; empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String name, String address) {
        Instant now = clock.instant();
        Instant until = lockedUntil(byAddress, address, now);
        String key = nameKey(name);
        if (!isKnown(key, address, now)) {
            Instant nameUntil = lockedUntil(byName, key, now);
            until = nameUntil.isAfter(until) ? nameUntil : until;
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** A failed sign-in of {@code name} (as typed) from {@code address}. */
    public synchronized void failed(String name, String address) {
        Instant now = clock.instant();
        count(byName, nameKey(name), FREE_FAILURES_PER_NAME, now);
        count(byAddress, address, FREE_FAILURES_PER_ADDRESS, now);
    }

    /** A successful sign-in: the name's failures are cleared and the address is remembered as one of the name's. */
    public synchronized void succeeded(String name, String address) {
        String key = nameKey(name);
        byName.remove(key);
        knownAddresses.put(key + "\n" + address, clock.instant());
    }

    private boolean isKnown(String key, String address, Instant now) {
        Instant since = knownAddresses.get(key + "\n" + address);
        return since != null && since.plus(KNOWN_ADDRESS_KEPT).isAfter(now);
    }

    private static Instant lockedUntil(Map<String, Failures> map, String key, Instant now) {
        Failures failures = map.get(key);
        return failures == null ? Instant.MIN : failures.lockedUntil;
    }

    private static void count(Map<String, Failures> map, String key, int free, Instant now) {
        Failures failures = map.get(key);
        if (failures == null || failures.last.plus(FORGET_AFTER).isBefore(now)) {
            failures = new Failures();
        }
        map.remove(key);
        map.put(key, failures); // the most recently failing key is the last evicted
        failures.count++;
        failures.last = now;
        if (failures.count >= free) {
            int doublings = Math.min(failures.count - free, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            failures.lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
        }
    }

    /** User names are case-insensitive (as the users file's are); longer than any user's, they are cut. */
    private static String nameKey(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return key.length() > MAX_NAME ? key.substring(0, MAX_NAME) : key;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
