package io.ward.policy.rest.model;

import java.time.Instant;

/** A freshly minted install token ({@code wdt_<id>_<secret>}); the only time it is shown. */
public record InstallTokenCreated(String id, String appId, String token, Instant createdAt) {
}
