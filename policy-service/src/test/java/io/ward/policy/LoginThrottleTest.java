package io.ward.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ward.policy.auth.LoginThrottle;
import io.ward.policy.config.AuthConfig;
import io.ward.policy.mapping.ProblemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-address limit, which the HTTP tests cannot reach without locking out every other test on 127.0.0.1. */
class LoginThrottleTest {

    private static AuthConfig limits(int perPrincipal, int perAddress, Duration window) {
        return new AuthConfig() {
            public int hashIterations() { return 1; }
            public Duration tokenLifetime() { return Duration.ofHours(1); }
            public Duration defenderTokenLifetime() { return Duration.ofSeconds(45); }
            public int maxFailuresPerPrincipal() { return perPrincipal; }
            public int maxFailuresPerAddress() { return perAddress; }
            public Duration throttleWindow() { return window; }
        };
    }

    @Test
    void anAddressGuessingManyNamesIsLockedOut() {
        LoginThrottle throttle = new LoginThrottle(limits(5, 3, Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            throttle.check("user" + i, "203.0.113.9");
            throttle.recordFailure("user" + i, "203.0.113.9");
        }
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.check("fresh-name", "203.0.113.9"));
        assertEquals(429, locked.status());
        assertDoesNotThrow(() -> throttle.check("fresh-name", "198.51.100.7"));
    }

    @Test
    void theLockLiftsWhenTheWindowEndsAndSuccessClearsThePrincipal() throws InterruptedException {
        LoginThrottle throttle = new LoginThrottle(limits(2, 100, Duration.ofMillis(300)));
        throttle.recordFailure("bob", "a");
        throttle.recordFailure("bob", "a");
        assertThrows(ProblemException.class, () -> throttle.check("bob", "a"));
        Thread.sleep(350);
        assertDoesNotThrow(() -> throttle.check("bob", "a"));
        throttle.recordFailure("bob", "a");
        throttle.recordSuccess("bob");
        throttle.recordFailure("bob", "a");
        assertDoesNotThrow(() -> throttle.check("bob", "a"));
    }
}
