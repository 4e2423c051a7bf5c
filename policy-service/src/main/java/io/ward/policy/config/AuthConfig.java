package io.ward.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.ward.policy.auth.AddressRange;
import java.time.Duration;
import java.util.List;

/** Settings for password hashing, token lifetimes, login throttling and the proxies trusted to name the client. */
@ConfigMapping(prefix = "ward.auth")
public interface AuthConfig {

    /** PBKDF2-HMAC-SHA256 iterations for new password and secret hashes (OWASP 2023: 600,000). */
    @WithDefault("600000")
    int hashIterations();

    /** Lifetime of tokens issued to people and access keys. */
    @WithDefault("1h")
    Duration tokenLifetime();

    /** Lifetime of tokens issued to defenders for an install token; short so that revocation bites quickly. */
    @WithDefault("45s")
    Duration defenderTokenLifetime();

    /** Failed password logins for one account from one client before that client is refused for that account. */
    @WithDefault("5")
    int maxFailuresPerAccountAndClient();

    /**
     * Failed password logins for one account from all clients together, after which the account refuses every client
     * that has failed against it in the window; a client without such a failure still gets its attempt, so nobody
     * can lock the real user out.
     */
    @WithDefault("50")
    int maxFailuresPerAccount();

    /**
     * Failed password logins from one client, whatever the account, before that client is refused. Machine
     * credentials (access keys, install tokens) are counted apart with the same limits, so guessed passwords never
     * stop a defender or a service from getting its token.
     */
    @WithDefault("20")
    int maxFailuresPerClient();

    /** Window over which failed logins are counted; a lock lifts when its window ends. */
    @WithDefault("5m")
    Duration throttleWindow();

    /**
     * Peers whose X-Forwarded-For is believed (addresses or CIDR ranges). Loopback by default: the front door runs
     * on the same host ({@code ward up}) or in the same container group ({@code ward suite deploy}).
     */
    @WithDefault("127.0.0.0/8,::1/128")
    List<AddressRange> trustedProxies();
}
