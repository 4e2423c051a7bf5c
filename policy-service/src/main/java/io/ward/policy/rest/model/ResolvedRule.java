package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The rule that applies to an app id at a revision; {@code rule == null} means everything allowed, nothing reported. */
@RegisterForReflection // serialised inside a Response, where native image analysis cannot see the type
public record ResolvedRule(String appId, long revision, AppEmbeddedRule rule) {
}
