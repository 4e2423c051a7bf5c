package io.ward.policy.health;

import io.ward.policy.service.RevisionListener;
import io.ward.policy.service.RuleSetCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while this instance hears about rule changes from the others (long-polls depend on it). */
@Readiness
@ApplicationScoped
public class RevisionListenerHealthCheck implements HealthCheck {

    private final RevisionListener listener;
    private final RuleSetCache cache;

    public RevisionListenerHealthCheck(RevisionListener listener, RuleSetCache cache) {
        this.listener = listener;
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("policy revision listener")
                .status(listener.isListening())
                .withData("revision", cache.current().revision())
                .build();
    }
}
