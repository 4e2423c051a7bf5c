package io.ward.policy.rest.model;

/** The rule that applies to an app id at a revision; {@code rule == null} means everything allowed, nothing reported. */
public record ResolvedRule(String appId, long revision, AppEmbeddedRule rule) {
}
