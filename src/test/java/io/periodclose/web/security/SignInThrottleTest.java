package io.periodclose.web.security;

import io.periodclose.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's rules, on a clock the test moves. */
class SignInThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-15T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void aNameIsLockedAfterFiveFailuresForAMinuteThatDoublesUpToAQuarterOfAnHour() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "203.0.113.7");
            assertThat(throttle.retryAfter("admin", "203.0.113.7")).as("failure " + (i + 1)).isEmpty();
        }
        throttle.failed("Admin", "203.0.113.7");
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).contains(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("ADMIN", "198.51.100.1")).as("the name, from anywhere, any case")
                .contains(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("anna", "203.0.113.7")).as("another name from that address").isEmpty();

        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).as("the lock ran out").isEmpty();

        Duration expected = Duration.ofMinutes(2);
        for (int i = 0; i < 6; i++) {
            throttle.failed("admin", "203.0.113.7");
            Optional<Duration> wait = throttle.retryAfter("admin", "203.0.113.7");
            assertThat(wait).contains(expected);
            clock.advance(wait.orElseThrow());
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(15)) > 0 ? Duration.ofMinutes(15)
                    : expected.multipliedBy(2);
        }
        throttle.succeeded("admin", "203.0.113.7");
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "203.0.113.7");
        }
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).as("a success starts the count again").isEmpty();
    }

    @Test
    void anAttackerElsewhereCannotKeepAUserOutOfTheAddressesItSignsInFrom() {
        throttle.succeeded("admin", "10.0.0.5");
        for (int i = 0; i < 12; i++) {
            throttle.failed("admin", "203.0.113.7");
            clock.advance(throttle.retryAfter("admin", "203.0.113.7").orElse(Duration.ZERO));
        }
        clock.advance(Duration.ofSeconds(-1));
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).isPresent();
        assertThat(throttle.retryAfter("admin", "192.0.2.1")).isPresent();
        assertThat(throttle.retryAfter("admin", "10.0.0.5")).as("the admin's own address").isEmpty();
    }

    @Test
    void anAddressTryingManyNamesIsLockedForEveryName() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "203.0.113.7");
        }
        assertThat(throttle.retryAfter("someone", "203.0.113.7")).isEmpty();
        throttle.succeeded("admin", "203.0.113.7");
        throttle.failed("user19", "203.0.113.7");
        assertThat(throttle.retryAfter("someone", "203.0.113.7")).contains(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).as("known there, but the address is locked")
                .contains(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("someone", "203.0.113.8")).isEmpty();
    }

    @Test
    void failuresAreForgottenADayAfterTheLast() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "203.0.113.7");
        }
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        throttle.failed("admin", "203.0.113.7");
        assertThat(throttle.retryAfter("admin", "203.0.113.7")).isEmpty();
    }
}
