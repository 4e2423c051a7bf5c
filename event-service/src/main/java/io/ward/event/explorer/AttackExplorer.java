package io.ward.event.explorer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The ATT&CK explorer: per tactic, how many audits, and per technique under it, how many audits. */
@RegisterForReflection
public record AttackExplorer(List<TacticCount> tactics) {

    /** One tactic, counting each audit once however many of its techniques it shows. */
    @RegisterForReflection
    public record TacticCount(String id, String name, long count, List<TechniqueCount> techniques) {
    }

    /** One technique under a tactic. */
    @RegisterForReflection
    public record TechniqueCount(String id, String name, long count) {
    }
}
