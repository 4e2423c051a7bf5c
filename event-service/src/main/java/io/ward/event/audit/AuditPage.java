package io.ward.event.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of audits, newest first; {@code nextCursor} is null on the last page. */
@RegisterForReflection
public record AuditPage(List<StoredAudit> items, String nextCursor) {
}
