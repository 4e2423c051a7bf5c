package io.ward.attack.classify;

import io.ward.attack.rules.CompiledRule;
import io.ward.attack.rules.RuleExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the examples embedded in the rules file: each example must fire its rule and yield all of the rule's
 * techniques; each counter-example must not fire it. Used at start and by the tests.
 */
public final class RuleExampleCheck {

    private RuleExampleCheck() {
    }

    /** One line per broken example; empty when the rule set keeps all its promises. */
    public static List<String> failures(Classifier classifier) {
        Map<String, CompiledRule> rules = classifier.rules().rules().stream()
                .collect(Collectors.toMap(CompiledRule::id, Function.identity()));
        List<String> failures = new ArrayList<>();
        for (RuleExample example : classifier.rules().examples()) {
            Classification result = classifier.classify(example.audit());
            boolean fired = result.ruleIds().contains(example.ruleId());
            String input = describe(example);
            if (example.fires() && !fired) {
                failures.add("rule '" + example.ruleId() + "' does not fire for its example " + input
                        + " (fired: " + result.ruleIds() + ")");
            } else if (example.fires() && !result.attack().containsAll(rules.get(example.ruleId()).attack())) {
                failures.add("rule '" + example.ruleId() + "' fires for " + input + " but the result lacks its techniques");
            } else if (!example.fires() && fired) {
                failures.add("rule '" + example.ruleId() + "' fires for its counter-example " + input);
            }
        }
        return failures;
    }

    private static String describe(RuleExample example) {
        var audit = example.audit();
        if (audit.process() != null && audit.process().command() != null) {
            return "'" + audit.process().command() + "'";
        }
        return String.valueOf(audit.network() != null ? audit.network() : audit.dns() != null ? audit.dns() : audit);
    }
}
