package io.ward.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.ward.policy.rest.model.DnsRules;
import io.ward.policy.rest.model.NetworkRules;
import io.ward.policy.rest.model.ProcessRules;
import io.ward.policy.rest.model.RuleScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One App-Embedded runtime rule at its place in the ordered rule set; sections are stored as JSON. */
@Entity
@Table(name = "runtime_rules")
public class RuntimeRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    /** 0-based place in evaluation order; positions are kept contiguous. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String notes;

    @Column(nullable = false)
    public boolean disabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public RuleScope scope;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public ProcessRules processes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public NetworkRules network;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public DnsRules dns;

    /** The rule set revision at which this rule last changed. */
    @Column(nullable = false)
    public long revision;

    @Column(nullable = false)
    public Instant modified;

    @Column(name = "modified_by", nullable = false)
    public String modifiedBy;
}
