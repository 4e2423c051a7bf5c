package io.ward.attack.classify;

import java.util.List;

/** The techniques found for one audit, primary first, and the ids of the rules that fired (for rule self-tests). */
public record Classification(List<AttackTechnique> attack, List<String> ruleIds) {
}
