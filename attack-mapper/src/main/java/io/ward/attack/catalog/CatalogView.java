package io.ward.attack.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The catalog as served: tactics in matrix order, each with its techniques (a technique may serve several). */
@RegisterForReflection
public record CatalogView(String attackVersion, String rulesVersion, int techniqueCount, List<TacticView> tactics) {

    /** A tactic and the techniques that serve it. */
    @RegisterForReflection
    public record TacticView(String id, String name, List<TechniqueView> techniques) {
    }

    /** A technique or sub-technique. */
    @RegisterForReflection
    public record TechniqueView(String id, String name) {
    }

    static CatalogView of(AttackCatalog catalog, String rulesVersion) {
        List<TacticView> tactics = catalog.tactics().stream().map(tactic -> new TacticView(tactic.id(), tactic.name(),
                catalog.techniquesOf(tactic.id()).stream().map(t -> new TechniqueView(t.id(), t.name())).toList()))
                .toList();
        return new CatalogView(catalog.attackVersion(), rulesVersion, catalog.techniques().size(), tactics);
    }
}
