package io.ward.policy.rest.model;

import java.util.List;

/** All rules in evaluation order, with the rule set's revision. */
public record RuleSetView(long revision, List<AppEmbeddedRule> rules) {
}
