package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A DNS audit's query: the name the app resolved and the record type it asked for. */
@RegisterForReflection
public record AuditDns(
        @NotBlank @Size(max = 253) @Schema(required = true, example = "evil.example") String domain,
        @Size(max = 16) @Schema(example = "A") String queryType) {
}
