package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.http.problems.AuditFields;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The process an audit is about: the kernel-resolved executable, its full command line and its parent. */
@RegisterForReflection
public record AuditProcess(
        @Size(max = AuditFields.MAX_PATH) @Schema(example = "/bin/dash") String path,
        @Size(max = AuditFields.MAX_COMMAND) @Schema(example = "/bin/sh -c ls") String command,
        @Size(max = AuditFields.MAX_PATH) @Schema(example = "/usr/local/bin/python3.9") String parentPath) {
}
