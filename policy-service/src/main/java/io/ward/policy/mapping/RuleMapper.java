package io.ward.policy.mapping;

import io.ward.policy.RuntimeRule;
import io.ward.policy.rest.model.AppEmbeddedRule;
import io.ward.policy.rest.model.DnsRules;
import io.ward.policy.rest.model.NetworkRules;
import io.ward.policy.rest.model.ProcessRules;

/** Copies between the stored rule and its wire form, filling defaults for absent sections and fields. */
public final class RuleMapper {

    private RuleMapper() {
    }

    public static AppEmbeddedRule toView(RuntimeRule rule) {
        return new AppEmbeddedRule(rule.name, rule.notes, rule.disabled, rule.scope, rule.processes, rule.network,
                rule.dns, rule.revision, rule.modified, rule.modifiedBy);
    }

    /** Writes the editable parts of {@code body} into {@code rule}; revision and modification stamps are the caller's. */
    public static void apply(AppEmbeddedRule body, RuntimeRule rule) {
        rule.name = body.name();
        rule.notes = body.notes() != null ? body.notes() : "";
        rule.disabled = body.disabled() != null && body.disabled();
        rule.scope = body.scope();
        rule.processes = body.processes() != null ? body.processes().withDefaults() : ProcessRules.OFF;
        rule.network = body.network() != null ? body.network().withDefaults() : NetworkRules.OFF;
        rule.dns = body.dns() != null ? body.dns().withDefaults() : DnsRules.OFF;
    }
}
