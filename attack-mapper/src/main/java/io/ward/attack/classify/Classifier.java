package io.ward.attack.classify;

import io.ward.attack.rules.CompiledRule;
import io.ward.attack.rules.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps an audit to ATT&CK techniques with the rule set. Results are ordered by rule priority, then by where the
 * rule fired (audit-level first, then the audited process, then what it runs), then by file order. Input no rule
 * recognises yields an empty list: the mapper never guesses.
 */
public final class Classifier {

    /** A rule with its position in the file, which breaks ties. */
    private record Ranked(CompiledRule rule, int fileOrder) {
    }

    private record Hit(Ranked ranked, int position) {
    }

    private static final Comparator<Hit> PRIMARY_FIRST = Comparator.comparingInt((Hit hit) -> hit.ranked().rule().priority())
            .thenComparingInt(Hit::position).thenComparingInt(hit -> hit.ranked().fileOrder());

    private final RuleSet rules;
    private final List<Ranked> auditRules = new ArrayList<>();
    /** Command rules that name exact programs, by program name, so a command only meets the rules that could match. */
    private final Map<String, List<Ranked>> commandRulesByProgram = new HashMap<>();
    private final List<Ranked> otherCommandRules = new ArrayList<>();

    public Classifier(RuleSet rules) {
        this.rules = rules;
        for (int i = 0; i < rules.rules().size(); i++) {
            Ranked ranked = new Ranked(rules.rules().get(i), i);
            Set<String> names = ranked.rule().indexableProgramNames();
            if (!ranked.rule().isCommandRule()) {
                auditRules.add(ranked);
            } else if (names == null) {
                otherCommandRules.add(ranked);
            } else {
                names.forEach(name -> commandRulesByProgram.computeIfAbsent(name, n -> new ArrayList<>()).add(ranked));
            }
        }
    }

    public RuleSet rules() {
        return rules;
    }

    public Classification classify(Audit audit) {
        AuditFacts facts = AuditFacts.of(audit);
        List<Hit> hits = new ArrayList<>();
        for (Ranked ranked : auditRules) {
            if (ranked.rule().appliesTo(facts.type()) && ranked.rule().matchesAudit(facts)) {
                hits.add(new Hit(ranked, -1));
            }
        }
        Set<CompiledRule> fired = new HashSet<>();
        List<SimpleCommand> commands = facts.commands();
        dropSuperseded(hits, 0, fired);
        for (int i = 0; i < commands.size(); i++) {
            SimpleCommand command = commands.get(i);
            int firstHitOfCommand = hits.size();
            for (String program : command.programs()) {
                tryCommandRules(commandRulesByProgram.getOrDefault(program, List.of()), facts, command, i, fired, hits);
            }
            tryCommandRules(otherCommandRules, facts, command, i, fired, hits);
            dropSuperseded(hits, firstHitOfCommand, fired);
        }
        hits.sort(PRIMARY_FIRST);
        Set<AttackTechnique> attack = new LinkedHashSet<>();
        hits.forEach(hit -> attack.addAll(hit.ranked().rule().attack()));
        return new Classification(List.copyOf(attack), hits.stream().map(hit -> hit.ranked().rule().id()).toList());
    }

    /**
     * Drops the hits from {@code from} on (one command's, or the audit-level ones) whose rule another of them
     * supersedes; a dropped rule may still fire for a later command.
     */
    private static void dropSuperseded(List<Hit> hits, int from, Set<CompiledRule> fired) {
        Set<String> superseded = null;
        for (int i = from; i < hits.size(); i++) {
            Set<String> ids = hits.get(i).ranked().rule().supersedes();
            if (!ids.isEmpty()) {
                superseded = superseded == null ? new HashSet<>() : superseded;
                superseded.addAll(ids);
            }
        }
        if (superseded == null) {
            return;
        }
        for (int i = hits.size() - 1; i >= from; i--) {
            CompiledRule rule = hits.get(i).ranked().rule();
            if (superseded.contains(rule.id())) {
                hits.remove(i);
                fired.remove(rule);
            }
        }
    }

    /** Records each rule at the first command it matches. */
    private static void tryCommandRules(List<Ranked> candidates, AuditFacts facts, SimpleCommand command, int position,
                                        Set<CompiledRule> fired, List<Hit> hits) {
        for (Ranked ranked : candidates) {
            CompiledRule rule = ranked.rule();
            if (!fired.contains(rule) && rule.appliesTo(facts.type()) && rule.matchesAudit(facts)
                    && rule.matchesCommand(command)) {
                fired.add(rule);
                hits.add(new Hit(ranked, position));
            }
        }
    }
}
