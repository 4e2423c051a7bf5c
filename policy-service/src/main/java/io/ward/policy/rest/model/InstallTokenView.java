package io.ward.policy.rest.model;

import java.time.Instant;

/** An install token as listed (without its secret). */
public record InstallTokenView(String id, String appId, String createdBy, Instant createdAt) {
}
