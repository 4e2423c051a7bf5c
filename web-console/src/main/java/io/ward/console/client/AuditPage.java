package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of audits, newest first, and the cursor of the next (older) page. */
@TemplateData
@RegisterForReflection
public record AuditPage(List<Audit> items, String nextCursor) {
}
