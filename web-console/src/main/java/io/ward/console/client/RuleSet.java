package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The rule set in order (first match wins) and its revision. */
@TemplateData
public record RuleSet(long revision, List<Rule> rules) {
}
