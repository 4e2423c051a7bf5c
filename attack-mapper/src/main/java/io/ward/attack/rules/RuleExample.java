package io.ward.attack.rules;

import io.ward.attack.classify.Audit;

/** An audit embedded in the rules file that must fire its rule ({@code fires}) or must not. */
public record RuleExample(String ruleId, Audit audit, boolean fires) {
}
