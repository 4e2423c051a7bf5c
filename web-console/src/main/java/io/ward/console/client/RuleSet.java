package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The rule set in order (first match wins) and its revision. */
@TemplateData
@RegisterForReflection
public record RuleSet(long revision, List<Rule> rules) {
}
