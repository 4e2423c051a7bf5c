package io.ward.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.ward.policy.AccessKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stored automation access keys (hashed secrets only). */
@ApplicationScoped
public class AccessKeyRepository implements PanacheRepositoryBase<AccessKey, String> {

    public List<AccessKey> listByCreation() {
        return list("order by createdAt, id");
    }
}
