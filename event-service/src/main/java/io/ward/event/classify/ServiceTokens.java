package io.ward.event.classify;

import io.ward.event.config.EventConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The JWT event-service presents to attack-mapper: its access key exchanged at policy-service, cached until
 * shortly before it expires (or until a call is refused with 401).
 */
@ApplicationScoped
public class ServiceTokens {

    /** Refresh this long before expiry so a token never expires in flight (capped at a fifth of its lifetime). */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final PolicyServiceAuthApi policyService;
    private final EventConfig config;
    private final Clock clock = Clock.systemUTC();
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ServiceTokens(@RestClient PolicyServiceAuthApi policyService, EventConfig config) {
        this.policyService = policyService;
        this.config = config;
    }

    /** The {@code Authorization} header value, exchanging the access key when no fresh token is cached. */
    public synchronized String authorization() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            String id = config.serviceAccessKey().id().orElseThrow(() -> new IllegalStateException(
                    "WARD_SERVICE_ACCESS_KEY_ID is not set: event-service cannot call attack-mapper"));
            String secret = config.serviceAccessKey().secret().orElseThrow(() -> new IllegalStateException(
                    "WARD_SERVICE_ACCESS_KEY_SECRET is not set: event-service cannot call attack-mapper"));
            PolicyServiceAuthApi.IssuedToken issued = policyService.token(new PolicyServiceAuthApi.AccessKeyLogin(id, secret));
            Duration lifetime = Duration.between(now, issued.expiresAt());
            Duration margin = lifetime.dividedBy(5).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(5) : REFRESH_MARGIN;
            token = issued.token();
            refreshAt = issued.expiresAt().minus(margin);
        }
        return "Bearer " + token;
    }

    /** Drops the cached token, e.g. after attack-mapper refused it. */
    public synchronized void invalidate() {
        token = null;
    }
}
