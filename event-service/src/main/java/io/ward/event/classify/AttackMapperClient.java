package io.ward.event.classify;

import io.ward.event.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls attack-mapper with a service token, retrying brief failures and opening a circuit when it is down. */
@ApplicationScoped
public class AttackMapperClient {

    private final AttackMapperApi api;
    private final ServiceTokens tokens;

    public AttackMapperClient(@RestClient AttackMapperApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Classification> classify(List<Audit> audits) {
        try {
            return api.classify(tokens.authorization(), audits);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 401) {
                // An expired or rotated key: the retry exchanges the access key again.
                tokens.invalidate();
            }
            throw e;
        }
    }
}
