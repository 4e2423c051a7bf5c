package io.ward.policy.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.ward.http.problems.Roles;
import io.ward.policy.AccessKey;
import io.ward.policy.config.ServiceKeyConfig;
import io.ward.policy.repository.AccessKeyRepository;
import io.ward.policy.repository.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Makes sure the services' access key from WARD_SERVICE_ACCESS_KEY_ID/_SECRET exists with role auditor (read-only:
 * enough to classify, nothing to change) and that secret. Deployers generate the pair and hand it to policy-service
 * and event-service alike, so no admin login is needed to wire the suite.
 */
@ApplicationScoped
public class ServiceKeyBootstrap {

    static final int MIN_SECRET_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(ServiceKeyBootstrap.class);

    private final ServiceKeyConfig config;
    private final AccessKeyRepository keys;
    private final AdvisoryLocks locks;
    private final PasswordHasher hasher;

    public ServiceKeyBootstrap(ServiceKeyConfig config, AccessKeyRepository keys, AdvisoryLocks locks,
                               PasswordHasher hasher) {
        this.config = config;
        this.keys = keys;
        this.locks = locks;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.id().isEmpty() && config.secret().isEmpty()) {
            return;
        }
        String id = config.id().orElseThrow(() -> new IllegalStateException(
                "WARD_SERVICE_ACCESS_KEY_SECRET is set but WARD_SERVICE_ACCESS_KEY_ID is not"));
        String secret = config.secret().orElseThrow(() -> new IllegalStateException(
                "WARD_SERVICE_ACCESS_KEY_ID is set but WARD_SERVICE_ACCESS_KEY_SECRET is not"));
        if (!id.matches("[A-Za-z0-9_-]{8,64}")) {
            throw new IllegalStateException("WARD_SERVICE_ACCESS_KEY_ID must be 8-64 letters, digits, '-' or '_'");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("WARD_SERVICE_ACCESS_KEY_SECRET must have at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        String outcome = QuarkusTransaction.requiringNew().call(() -> ensure(id, secret));
        LOG.infof("Service access key %s %s (role %s)", id, outcome, Roles.AUDITOR);
    }

    private String ensure(String id, String secret) {
        locks.lockForTransaction(AdvisoryLocks.SERVICE_KEY_BOOTSTRAP);
        AccessKey key = keys.findById(id);
        if (key == null) {
            key = new AccessKey();
            key.id = id;
            key.secretHash = hasher.hash(secret);
            key.role = Roles.AUDITOR;
            key.description = "Ward services (WARD_SERVICE_ACCESS_KEY_ID)";
            key.createdBy = "bootstrap";
            key.createdAt = Instant.now();
            keys.persist(key);
            return "created";
        }
        boolean changed = false;
        if (!Roles.AUDITOR.equals(key.role)) {
            key.role = Roles.AUDITOR;
            changed = true;
        }
        if (!hasher.verify(secret, key.secretHash)) {
            key.secretHash = hasher.hash(secret);
            changed = true;
        }
        return changed ? "updated" : "already in place";
    }
}
