package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A defender install token; {@code token} (the secret) is only present in the reply that minted it. */
@TemplateData
@RegisterForReflection
public record InstallToken(String id, String appId, String token, String createdBy, Instant createdAt) {
}
