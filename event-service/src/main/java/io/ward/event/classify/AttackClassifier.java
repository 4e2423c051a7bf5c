package io.ward.event.classify;

import io.ward.event.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/** Asks attack-mapper to classify audits within a time limit; empty when it cannot answer now. */
@ApplicationScoped
public class AttackClassifier {

    private static final Logger LOG = Logger.getLogger(AttackClassifier.class);

    private final AttackMapperClient client;
    /** Whether the last call succeeded, so an outage is logged once when it starts and once when it ends. */
    private final AtomicBoolean available = new AtomicBoolean(true);

    public AttackClassifier(AttackMapperClient client) {
        this.client = client;
    }

    @Timeout(15000)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<List<Classification>> classify(List<Audit> audits) {
        List<Classification> result = client.classify(audits);
        if (!available.getAndSet(true)) {
            LOG.info("attack-mapper answers again; classifying the backlog");
        }
        return Optional.of(result);
    }

    Optional<List<Classification>> unavailable(List<Audit> audits, Throwable cause) {
        if (available.getAndSet(false)) {
            LOG.warnf("attack-mapper cannot classify audits now (%s); they stay in the backlog until it answers",
                    cause.toString());
        } else {
            LOG.debugf("attack-mapper still unavailable (%s)", cause.toString());
        }
        return Optional.empty();
    }
}
