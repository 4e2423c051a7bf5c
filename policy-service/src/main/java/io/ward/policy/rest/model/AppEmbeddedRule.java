package io.ward.policy.rest.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An App-Embedded runtime rule as the contract shows it. On input, {@code revision} (if given) must equal the stored
 * rule's revision, like If-Match; {@code modified} and {@code modifiedBy} are set by the service and ignored.
 */
@RegisterForReflection
@JsonPropertyOrder({"name", "notes", "disabled", "scope", "processes", "network", "dns", "revision", "modified", "modifiedBy"})
public record AppEmbeddedRule(
        @NotNull @PlainText(max = 200) String name,
        @Size(max = 4000) @Pattern(regexp = "^[^\\p{Cc}&&[^\\n\\r\\t]]*$", message = "must not contain control characters other than newlines and tabs") String notes,
        Boolean disabled,
        @NotNull @Valid RuleScope scope,
        @Valid ProcessRules processes,
        @Valid NetworkRules network,
        @Valid DnsRules dns,
        Long revision,
        Instant modified,
        String modifiedBy) {
}
