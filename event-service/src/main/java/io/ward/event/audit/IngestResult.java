package io.ward.event.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Reply to a posted batch: audits newly stored and audits already stored before (replays). */
@RegisterForReflection
public record IngestResult(int accepted, int duplicates) {
}
