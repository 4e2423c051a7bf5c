package io.ward.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An id + secret pair that automation (pipelines, other Ward services) exchanges for a token. */
@Entity
@Table(name = "access_keys")
public class AccessKey extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String description;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
