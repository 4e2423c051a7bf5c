package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** A defender as event-service lists it (Manage → Defenders). */
@TemplateData
@RegisterForReflection
public record Defender(String instanceId, String appId, String version, String hostname, String status,
                       Instant lastSeen, Instant startedAt, Long policyRevision, Map<String, Long> counters) {
}
