package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The classification of one audit: its id and its techniques, primary first (empty when nothing is recognised). */
@RegisterForReflection
public record ClassifyResult(String id, List<AttackTechnique> attack) {
}
