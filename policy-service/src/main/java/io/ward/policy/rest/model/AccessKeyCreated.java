package io.ward.policy.rest.model;

import java.time.Instant;

/** A freshly created access key; the only time its secret is shown. */
public record AccessKeyCreated(String id, String secret, String role, String description, String createdBy,
                               Instant createdAt) {
}
