package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A console user as policy-service lists it (never a password). */
@TemplateData
@RegisterForReflection
public record User(String username, String role, Instant createdAt, Instant updatedAt) {
}
