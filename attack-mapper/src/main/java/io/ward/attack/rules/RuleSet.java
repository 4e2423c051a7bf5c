package io.ward.attack.rules;

import java.util.List;

/** The loaded, validated rules in file order, with the examples the file embeds for each of them. */
public record RuleSet(String version, List<CompiledRule> rules, List<RuleExample> examples) {
}
