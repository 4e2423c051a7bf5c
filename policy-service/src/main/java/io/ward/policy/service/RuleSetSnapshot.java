package io.ward.policy.service;

import io.ward.policy.rest.model.AppEmbeddedRule;
import io.ward.policy.rest.model.ResolvedRule;
import java.util.List;

/** An immutable copy of the ordered rules at one revision, with compiled scopes, for resolving without the database. */
public final class RuleSetSnapshot {

    private record CompiledRule(AppEmbeddedRule rule, List<AppIdGlob> scope) {
    }

    private final long revision;
    private final List<AppEmbeddedRule> rules;
    private final List<CompiledRule> enabled;

    public RuleSetSnapshot(long revision, List<AppEmbeddedRule> rules) {
        this.revision = revision;
        this.rules = List.copyOf(rules);
        this.enabled = rules.stream()
                .filter(r -> !r.disabled())
                .map(r -> new CompiledRule(r, r.scope().appIds().stream().map(AppIdGlob::new).toList()))
                .toList();
    }

    public long revision() {
        return revision;
    }

    public List<AppEmbeddedRule> rules() {
        return rules;
    }

    /** The first enabled rule whose scope matches, or a "no rule" answer. */
    public ResolvedRule resolve(String appId) {
        for (CompiledRule candidate : enabled) {
            if (candidate.scope().stream().anyMatch(glob -> glob.matches(appId))) {
                return new ResolvedRule(appId, revision, candidate.rule());
            }
        }
        return new ResolvedRule(appId, revision, null);
    }
}
