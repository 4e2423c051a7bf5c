package io.ward.event.classify;

import io.ward.event.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
        checkReply(audits, result);
        if (!available.getAndSet(true)) {
            LOG.info("attack-mapper answers again; classifying the backlog");
        }
        return Optional.of(result);
    }

    /**
     * A reply that is not exactly one classification, with its technique list, per audit sent is used not at all:
     * ids that do not match would attach techniques to the wrong audits, and an audit left out or without a list
     * would be stored as "nothing recognised" for good. Thrown, it is a failed call: the audits stay in the backlog.
     */
    private static void checkReply(List<Audit> audits, List<Classification> reply) {
        Set<UUID> sent = new HashSet<>();
        audits.forEach(a -> sent.add(a.id()));
        Set<UUID> answered = new HashSet<>();
        for (Classification c : reply == null ? List.<Classification>of() : reply) {
            String fault = c == null || c.id() == null ? "a classification has no audit id"
                    : !sent.contains(c.id()) ? "audit " + c.id() + " was not sent"
                    : !answered.add(c.id()) ? "audit " + c.id() + " is classified twice"
                    : c.attack() == null || c.attack().stream().anyMatch(t -> t == null || isBlank(t.tactic())
                            || isBlank(t.techniqueId())) ? "audit " + c.id() + " has no complete technique list"
                    : null;
            if (fault != null) {
                throw new IllegalStateException("attack-mapper's reply breaks the contract: " + fault);
            }
        }
        if (answered.size() != sent.size()) {
            throw new IllegalStateException("attack-mapper's reply breaks the contract: it classifies "
                    + answered.size() + " of the " + sent.size() + " audits sent");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
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
