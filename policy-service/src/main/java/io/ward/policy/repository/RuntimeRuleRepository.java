package io.ward.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.ward.policy.RuntimeRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Stored runtime rules and the rule set's revision counter. */
@ApplicationScoped
public class RuntimeRuleRepository implements PanacheRepositoryBase<RuntimeRule, Long> {

    /** Channel on which every committed change is announced to all instances. */
    public static final String CHANNEL = "ward_policy_revision";

    private final EntityManager em;

    public RuntimeRuleRepository(EntityManager em) {
        this.em = em;
    }

    public List<RuntimeRule> listInOrder() {
        return list("order by position, id");
    }

    public Optional<RuntimeRule> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public long currentRevision() {
        return ((Number) em.createNativeQuery("SELECT revision FROM rule_set WHERE id = 1").getSingleResult()).longValue();
    }

    /**
     * Increments the revision and announces it at commit. The row lock it takes is held until commit, so writers
     * queue here and each one sees the previous one's result.
     */
    public long nextRevision() {
        long revision = ((Number) em.createNativeQuery("UPDATE rule_set SET revision = revision + 1 WHERE id = 1 RETURNING revision")
                .getSingleResult()).longValue();
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_notify(?1, ?2)) AS sent")
                .setParameter(1, CHANNEL)
                .setParameter(2, Long.toString(revision))
                .getSingleResult();
        return revision;
    }
}
