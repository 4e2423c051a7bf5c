package io.ward.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.ward.policy.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stored console users. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, String> {

    public List<UserAccount> listByName() {
        return list("order by username");
    }

    public long countAdmins() {
        return count("role", "admin");
    }
}
