package io.ward.event.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One ATT&CK technique attack-mapper found in an audit, under the tactic it serves there. */
@RegisterForReflection
public record AttackTechnique(String tactic, String techniqueId, String techniqueName) {
}
