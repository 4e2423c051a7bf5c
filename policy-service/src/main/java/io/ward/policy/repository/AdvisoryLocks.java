package io.ward.policy.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** PostgreSQL transaction-scoped advisory locks, so that instances starting together create singletons once. */
@ApplicationScoped
public class AdvisoryLocks {

    /** Lock key for creating the signing key pair. */
    public static final long SIGNING_KEY = 0x5741524401L;
    /** Lock key for creating the first administrator. */
    public static final long ADMIN_BOOTSTRAP = 0x5741524402L;
    /** Lock key for creating the services' access key. */
    public static final long SERVICE_KEY_BOOTSTRAP = 0x5741524403L;

    private final EntityManager em;

    public AdvisoryLocks(EntityManager em) {
        this.em = em;
    }

    /** Blocks until this transaction holds the lock; it is released at commit or rollback. */
    public void lockForTransaction(long key) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1)) AS locked")
                .setParameter(1, key)
                .getSingleResult();
    }
}
