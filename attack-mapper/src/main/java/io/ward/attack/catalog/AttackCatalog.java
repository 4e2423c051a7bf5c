package io.ward.attack.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tactics and techniques Ward classifies into, in ATT&CK matrix order. Immutable. */
public final class AttackCatalog {

    private final String attackVersion;
    private final List<Tactic> tactics;
    private final Map<String, Technique> techniques;

    AttackCatalog(String attackVersion, List<Tactic> tactics, List<Technique> techniques) {
        this.attackVersion = attackVersion;
        this.tactics = List.copyOf(tactics);
        Map<String, Technique> byId = new LinkedHashMap<>();
        techniques.forEach(technique -> byId.put(technique.id(), technique));
        this.techniques = byId;
    }

    public String attackVersion() {
        return attackVersion;
    }

    public List<Tactic> tactics() {
        return tactics;
    }

    public List<Technique> techniques() {
        return List.copyOf(techniques.values());
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id));
    }

    public Optional<Tactic> tactic(String id) {
        return tactics.stream().filter(tactic -> tactic.id().equals(id)).findFirst();
    }

    /** Techniques serving one tactic, in file order. */
    public List<Technique> techniquesOf(String tacticId) {
        return techniques.values().stream().filter(technique -> technique.tactics().contains(tacticId)).toList();
    }
}
