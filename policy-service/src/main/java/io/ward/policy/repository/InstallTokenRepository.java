package io.ward.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.ward.policy.InstallToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stored defender install tokens (hashed secrets only). */
@ApplicationScoped
public class InstallTokenRepository implements PanacheRepositoryBase<InstallToken, String> {

    public List<InstallToken> listByCreation() {
        return list("order by createdAt, id");
    }
}
