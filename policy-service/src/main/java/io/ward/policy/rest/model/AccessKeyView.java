package io.ward.policy.rest.model;

import java.time.Instant;

/** An access key as listed (without its secret). */
public record AccessKeyView(String id, String role, String description, String createdBy, Instant createdAt) {
}
