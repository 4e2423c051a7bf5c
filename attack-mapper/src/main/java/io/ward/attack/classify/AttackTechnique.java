package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One ATT&CK classification of an audit: the tactic it serves and the technique used. */
@RegisterForReflection
public record AttackTechnique(
        @Schema(example = "execution") String tactic,
        @Schema(example = "T1059.004") String techniqueId,
        @Schema(example = "Command and Scripting Interpreter: Unix Shell") String techniqueName) {
}
