package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A freshly created access key; the only time its secret is shown. */
@RegisterForReflection // serialised inside a Response, where native image analysis cannot see the type
public record AccessKeyCreated(String id, String secret, String role, String description, String createdBy,
                               Instant createdAt) {
}
