package io.ward.policy.rest.model;

import java.time.Instant;

/** A user as the API shows it (never the password hash). */
public record UserView(String username, String role, Instant createdAt, Instant updatedAt) {
}
