package io.ward.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.policy.rest.model.AppEmbeddedRule;
import io.ward.policy.rest.model.ResolvedRule;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An immutable copy of the ordered rules at one revision, with compiled scopes, for resolving without the database. */
public final class RuleSetSnapshot {

    private record CompiledRule(AppEmbeddedRule rule, List<AppIdGlob> scope) {
    }

    /** Serialised answers are kept for at most this many app ids per revision. */
    private static final int MAX_CACHED_ANSWERS = 10_000;

    private final long revision;
    private final List<AppEmbeddedRule> rules;
    private final List<CompiledRule> enabled;
    /** Many defenders of one app poll the same answer: serialise it once per revision, not once per reply. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

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

    /** {@link #resolve} as JSON, serialised once per app id and revision. */
    public String resolveJson(String appId, ObjectMapper json) {
        String cached = answers.get(appId);
        if (cached != null) {
            return cached;
        }
        try {
            String answer = json.writeValueAsString(resolve(appId));
            if (answers.size() < MAX_CACHED_ANSWERS) {
                answers.put(appId, answer);
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
