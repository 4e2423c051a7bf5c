package io.ward.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ward.http.problems.ProblemException;
import io.ward.policy.auth.LoginThrottle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle's buckets with small limits and windows (the HTTP cases are in ClientThrottleTest). */
class LoginThrottleTest {

    @Test
    void aClientGuessingManyNamesIsLockedOutOfPasswordsOnly() {
        LoginThrottle throttle = new LoginThrottle(TestAuthConfig.limits(5, 50, 3, Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            throttle.checkPassword("user" + i, "203.0.113.9");
            throttle.recordPasswordFailure("user" + i, "203.0.113.9");
        }
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.checkPassword("fresh-name", "203.0.113.9"));
        assertEquals(429, locked.status());
        assertDoesNotThrow(() -> throttle.checkPassword("fresh-name", "198.51.100.7"));
        assertDoesNotThrow(() -> throttle.checkMachine("wak_0123456789abcdef", "203.0.113.9"));
    }

    @Test
    void theAccountLimitRefusesOnlyClientsThatFailedAgainstTheAccount() {
        LoginThrottle throttle = new LoginThrottle(TestAuthConfig.limits(5, 3, 20, Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            throttle.recordPasswordFailure("admin", "client" + i);
        }
        assertThrows(ProblemException.class, () -> throttle.checkPassword("admin", "client0"));
        assertDoesNotThrow(() -> throttle.checkPassword("admin", "fresh-client"));
        assertDoesNotThrow(() -> throttle.checkPassword("bob", "client0"));
    }

    @Test
    void machineFailuresAreCountedPerCredentialAndClientApartFromPasswords() {
        LoginThrottle throttle = new LoginThrottle(TestAuthConfig.limits(2, 50, 3, Duration.ofMinutes(5)));
        throttle.recordMachineFailure("wak_1", "a");
        throttle.recordMachineFailure("wak_1", "a");
        assertThrows(ProblemException.class, () -> throttle.checkMachine("wak_1", "a"));
        assertDoesNotThrow(() -> throttle.checkMachine("wak_1", "b"));
        assertDoesNotThrow(() -> throttle.checkMachine("wak_2", "a"));
        throttle.recordMachineFailure("wak_3", "a");
        assertThrows(ProblemException.class, () -> throttle.checkMachine("wak_2", "a"));
        assertDoesNotThrow(() -> throttle.checkPassword("wak_2", "a"));
    }

    @Test
    void theLockLiftsWhenTheWindowEndsAndSuccessClearsTheAccountForThatClient() throws InterruptedException {
        LoginThrottle throttle = new LoginThrottle(TestAuthConfig.limits(2, 100, 100, Duration.ofMillis(300)));
        throttle.recordPasswordFailure("bob", "a");
        throttle.recordPasswordFailure("bob", "a");
        assertThrows(ProblemException.class, () -> throttle.checkPassword("bob", "a"));
        Thread.sleep(350);
        assertDoesNotThrow(() -> throttle.checkPassword("bob", "a"));
        throttle.recordPasswordFailure("bob", "a");
        throttle.recordPasswordSuccess("bob", "a");
        throttle.recordPasswordFailure("bob", "a");
        assertDoesNotThrow(() -> throttle.checkPassword("bob", "a"));
    }
}
