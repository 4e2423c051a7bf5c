package io.ward.policy.auth;

import io.ward.http.problems.ProblemException;
import io.ward.policy.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins and refuses further attempts with 429 once a limit is reached within the window. Checked
 * before the slow hash, so a guessing client cannot burn the CPU either. Counts are per instance.
 *
 * <p>Password logins are counted per client, per (account, client) and per account; the per-account count only
 * refuses clients that have themselves failed against the account, so an attacker cannot lock the real user out.
 * Machine credentials (access keys, install tokens: 256-bit random secrets nobody guesses) are counted in their own
 * buckets per client and per (credential, client), so no amount of failed password logins refuses them.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked keys, expired windows are swept on the next failure. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private enum Bucket { PASSWORD_CLIENT, PASSWORD_ACCOUNT, PASSWORD_ACCOUNT_CLIENT, MACHINE_CLIENT, MACHINE_CREDENTIAL_CLIENT }

    /** What is counted: a client, an account, or an account as seen from one client. */
    private record Key(Bucket bucket, String subject, String client) {
    }

    private record Window(Instant start, int failures) {
    }

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final AuthConfig config;

    public LoginThrottle(AuthConfig config) {
        this.config = config;
    }

    /** Throws 429 if {@code client} may not try another password for {@code account} now. */
    public void checkPassword(String account, String client) {
        refuseIfLocked(new Key(Bucket.PASSWORD_CLIENT, "", client), config.maxFailuresPerClient());
        Key accountFromClient = new Key(Bucket.PASSWORD_ACCOUNT_CLIENT, account, client);
        refuseIfLocked(accountFromClient, config.maxFailuresPerAccountAndClient());
        if (hasFailed(accountFromClient)) {
            refuseIfLocked(new Key(Bucket.PASSWORD_ACCOUNT, account, ""), config.maxFailuresPerAccount());
        }
    }

    public void recordPasswordFailure(String account, String client) {
        sweepIfLarge();
        count(new Key(Bucket.PASSWORD_CLIENT, "", client));
        count(new Key(Bucket.PASSWORD_ACCOUNT_CLIENT, account, client));
        count(new Key(Bucket.PASSWORD_ACCOUNT, account, ""));
    }

    /** Throws 429 if {@code client} may not try another machine secret (for {@code credential}) now. */
    public void checkMachine(String credential, String client) {
        refuseIfLocked(new Key(Bucket.MACHINE_CLIENT, "", client), config.maxFailuresPerClient());
        refuseIfLocked(new Key(Bucket.MACHINE_CREDENTIAL_CLIENT, credential, client), config.maxFailuresPerAccountAndClient());
    }

    public void recordMachineFailure(String credential, String client) {
        sweepIfLarge();
        count(new Key(Bucket.MACHINE_CLIENT, "", client));
        count(new Key(Bucket.MACHINE_CREDENTIAL_CLIENT, credential, client));
    }

    /**
     * Forgets this client's failures for this account. The per-client and per-account counts stay: a client could
     * otherwise wipe its record by logging into an account of its own between guesses.
     */
    public void recordPasswordSuccess(String account, String client) {
        windows.remove(new Key(Bucket.PASSWORD_ACCOUNT_CLIENT, account, client));
    }

    /** Forgets this client's failures for this credential (the per-client count stays). */
    public void recordMachineSuccess(String credential, String client) {
        windows.remove(new Key(Bucket.MACHINE_CREDENTIAL_CLIENT, credential, client));
    }

    private void refuseIfLocked(Key key, int limit) {
        Instant now = Instant.now();
        Window window = windows.get(key);
        if (window != null && !expired(window, now) && window.failures() >= limit) {
            Duration retryAfter = Duration.between(now, window.start().plus(config.throttleWindow()));
            throw ProblemException.tooManyRequests("Too many failed logins; try again later.", retryAfter);
        }
    }

    private boolean hasFailed(Key key) {
        Window window = windows.get(key);
        return window != null && !expired(window, Instant.now());
    }

    private void count(Key key) {
        Instant now = Instant.now();
        windows.compute(key, (k, w) -> w == null || expired(w, now) ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }

    private void sweepIfLarge() {
        if (windows.size() > SWEEP_THRESHOLD) {
            Instant now = Instant.now();
            windows.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
    }

    private boolean expired(Window window, Instant now) {
        return !now.isBefore(window.start().plus(config.throttleWindow()));
    }
}
