package io.ward.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings for password hashing, token lifetimes and login throttling. */
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

    /** Failed logins allowed per username (or access key id) within the throttle window. */
    @WithDefault("5")
    int maxFailuresPerPrincipal();

    /** Failed logins allowed per client address within the throttle window. */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /** Window over which failed logins are counted; the lock lifts when it ends. */
    @WithDefault("5m")
    Duration throttleWindow();
}
