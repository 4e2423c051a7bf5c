package io.ward.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.ward.policy.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The stored token signing key pair. */
@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    public Optional<SigningKey> newest() {
        return find("order by createdAt desc").firstResultOptional();
    }
}
