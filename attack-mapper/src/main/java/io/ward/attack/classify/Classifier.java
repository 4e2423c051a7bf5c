package io.ward.attack.classify;

import io.ward.attack.Audit;
import io.ward.attack.AttackTechnique;
import io.ward.attack.rules.CompiledRule;
import io.ward.attack.rules.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps an audit to ATT&CK techniques with the rule set. Results are ordered by rule priority, then by where the
 * rule fired (audit-level first, then the audited process, then what it runs), then by file order. Input no rule
 * recognises yields an empty list: the mapper never guesses.
 */
public final class Classifier {

    private record Hit(CompiledRule rule, int position, int fileOrder) {
    }

    private static final Comparator<Hit> PRIMARY_FIRST = Comparator.comparingInt((Hit hit) -> hit.rule().priority())
            .thenComparingInt(Hit::position).thenComparingInt(Hit::fileOrder);

    private final RuleSet rules;

    public Classifier(RuleSet rules) {
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    public Classification classify(Audit audit) {
        AuditFacts facts = AuditFacts.of(audit);
        List<Hit> hits = new ArrayList<>();
        List<CompiledRule> all = rules.rules();
        for (int i = 0; i < all.size(); i++) {
            Integer position = all.get(i).firesAt(facts);
            if (position != null) {
                hits.add(new Hit(all.get(i), position, i));
            }
        }
        hits.sort(PRIMARY_FIRST);
        Set<AttackTechnique> attack = new LinkedHashSet<>();
        hits.forEach(hit -> attack.addAll(hit.rule().attack()));
        return new Classification(List.copyOf(attack), hits.stream().map(hit -> hit.rule().id()).toList());
    }
}
