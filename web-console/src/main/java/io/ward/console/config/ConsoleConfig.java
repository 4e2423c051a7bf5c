package io.ward.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The console's own settings (the service URLs are the rest clients' {@code quarkus.rest-client.*.url}). */
@ConfigMapping(prefix = "ward.console")
public interface ConsoleConfig {

    /** Mark the session cookie Secure even when the request did not arrive over TLS (a TLS proxy in front). */
    @WithDefault("false")
    boolean secureCookies();

    /** How long a console session lives without a request (it also ends when the service token expires). */
    @WithDefault("30M")
    Duration idleTimeout();

    /** How often the audits page asks for new audits while "Follow" is on. */
    @WithDefault("3s")
    String followInterval();
}
