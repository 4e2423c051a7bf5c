package io.ward.policy.auth;

import io.ward.policy.config.AuthConfig;
import io.ward.policy.mapping.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per principal (username / access key id / install token id) and per client address, and
 * refuses further attempts with 429 once a limit is reached within the window. Checked before the slow hash, so a
 * guessing client cannot burn the CPU either. Counts are per instance.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked keys, expired windows are swept on the next failure. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AuthConfig config;

    public LoginThrottle(AuthConfig config) {
        this.config = config;
    }

    /** Throws 429 if either the principal or the address has used up its failures. */
    public void check(String principal, String address) {
        refuseIfLocked("principal:" + principal, config.maxFailuresPerPrincipal());
        refuseIfLocked("address:" + address, config.maxFailuresPerAddress());
    }

    public void recordFailure(String principal, String address) {
        if (windows.size() > SWEEP_THRESHOLD) {
            Instant now = Instant.now();
            windows.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        count("principal:" + principal);
        count("address:" + address);
    }

    public void recordSuccess(String principal) {
        windows.remove("principal:" + principal);
    }

    private void refuseIfLocked(String key, int limit) {
        Window window = windows.get(key);
        Instant now = Instant.now();
        if (window != null && !expired(window, now) && window.failures() >= limit) {
            Duration retryAfter = Duration.between(now, window.start().plus(config.throttleWindow()));
            throw ProblemException.tooManyRequests("Too many failed logins; try again later.", retryAfter);
        }
    }

    private void count(String key) {
        Instant now = Instant.now();
        windows.compute(key, (k, w) -> w == null || expired(w, now) ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }

    private boolean expired(Window window, Instant now) {
        return !now.isBefore(window.start().plus(config.throttleWindow()));
    }
}
