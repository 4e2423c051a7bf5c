package io.ward.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A defender credential scoped to one app id; deleting the row revokes it. */
@Entity
@Table(name = "install_tokens")
public class InstallToken extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
