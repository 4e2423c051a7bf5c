package io.ward.event.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** attack-mapper's answer for one audit: its techniques, primary first (empty when nothing is recognised). */
@RegisterForReflection
public record Classification(UUID id, List<AttackTechnique> attack) {
}
