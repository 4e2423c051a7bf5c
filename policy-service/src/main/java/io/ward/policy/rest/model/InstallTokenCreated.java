package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A freshly minted install token ({@code wdt_<id>_<secret>}); the only time it is shown. */
@RegisterForReflection // serialised inside a Response, where native image analysis cannot see the type
public record InstallTokenCreated(String id, String appId, String token, Instant createdAt) {
}
