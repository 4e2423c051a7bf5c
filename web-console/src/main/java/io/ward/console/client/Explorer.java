package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The ATT&CK explorer's counts: every tactic in kill-chain order, its techniques most frequent first. */
@TemplateData
@RegisterForReflection
public record Explorer(List<TacticCount> tactics) {

    /** One tactic (column of the matrix). */
    @TemplateData
    @RegisterForReflection
    public record TacticCount(String id, String name, long count, List<TechniqueCount> techniques) {
    }

    /** One technique (cell of the matrix). */
    @TemplateData
    @RegisterForReflection
    public record TechniqueCount(String id, String name, long count) {
    }

    /** The longest column, so the matrix can be drawn row by row. */
    public int depth() {
        return tactics.stream().mapToInt(t -> t.techniques().size()).max().orElse(0);
    }
}
