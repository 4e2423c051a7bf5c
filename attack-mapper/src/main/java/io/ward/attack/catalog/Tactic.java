package io.ward.attack.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An Enterprise ATT&CK tactic, identified by its slug (e.g. {@code execution}, {@code stealth}). */
@RegisterForReflection
public record Tactic(String id, String name) {
}
