package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The process an audit is about: the kernel-resolved executable, its full command line and its parent. */
@RegisterForReflection
public record AuditProcess(
        @Size(max = 4096) @Schema(example = "/bin/dash") String path,
        @Size(max = AuditProcess.MAX_COMMAND) @Schema(example = "/bin/sh -c ls") String command,
        @Size(max = 4096) @Schema(example = "/usr/local/bin/python3.9") String parentPath) {

    /**
     * Longest command line, the wire schema's (wire-schema/audit-batch.schema.json) and event-service's: the defender
     * writes at most 4,095 bytes of it.
     */
    public static final int MAX_COMMAND = 8192;
}
