package io.ward.event.defender;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** A defender as the console lists it: its last heartbeat, and connected or disconnected. */
@RegisterForReflection
public record Defender(
        String instanceId,
        String appId,
        String version,
        String hostname,
        String status,
        Instant lastSeen,
        Instant firstSeen,
        Instant startedAt,
        Long policyRevision,
        boolean failOpen,
        int intervalSeconds,
        Map<String, Long> counters) {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
}
