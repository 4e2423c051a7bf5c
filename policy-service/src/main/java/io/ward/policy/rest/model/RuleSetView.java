package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** All rules in evaluation order, with the rule set's revision. */
@RegisterForReflection // serialised inside a Response, where native image analysis cannot see the type
public record RuleSetView(long revision, List<AppEmbeddedRule> rules) {
}
