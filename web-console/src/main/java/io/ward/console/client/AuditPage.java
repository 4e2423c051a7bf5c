package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** One page of audits, newest first, and the cursor of the next (older) page. */
@TemplateData
public record AuditPage(List<Audit> items, String nextCursor) {
}
