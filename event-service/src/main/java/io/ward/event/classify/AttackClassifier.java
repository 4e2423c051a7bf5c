package io.ward.event.classify;

import io.ward.event.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/** Asks attack-mapper to classify audits within a time limit; empty when it cannot answer now. */
@ApplicationScoped
public class AttackClassifier {

    private static final Logger LOG = Logger.getLogger(AttackClassifier.class);

    private final AttackMapperClient client;

    public AttackClassifier(AttackMapperClient client) {
        this.client = client;
    }

    @Timeout(15000)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<List<Classification>> classify(List<Audit> audits) {
        return Optional.of(client.classify(audits));
    }

    Optional<List<Classification>> unavailable(List<Audit> audits, Throwable cause) {
        LOG.warnf("attack-mapper could not classify %d audits now (%s); they stay in the backlog", audits.size(),
                cause.toString());
        return Optional.empty();
    }
}
