package io.ward.policy.rest.model;

import java.time.Instant;

/** A signed bearer token and when it expires. */
public record TokenResponse(String token, Instant expiresAt) {
}
