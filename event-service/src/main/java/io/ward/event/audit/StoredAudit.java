package io.ward.event.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit as stored: the defender's fields plus {@code receivedAt} and {@code attack} (null until attack-mapper has
 * classified it, then the list of techniques, primary first). JSON parts are passed through as stored.
 */
@RegisterForReflection
public record StoredAudit(
        UUID id,
        Instant time,
        Instant receivedAt,
        String appId,
        String instanceId,
        String type,
        String effect,
        String reason,
        String ruleName,
        Long ruleRevision,
        String message,
        @JsonRawValue String process,
        @JsonRawValue String network,
        @JsonRawValue String dns,
        @JsonRawValue String attack) {
}
