package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.http.problems.AuditFields;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A DNS audit's query: the name the app resolved and the record type it asked for. */
@RegisterForReflection
public record AuditDns(
        @NotBlank @Size(max = AuditFields.MAX_DOMAIN) @Schema(required = true, example = "evil.example") String domain,
        @Size(max = AuditFields.MAX_QUERY_TYPE) @Schema(example = "A") String queryType) {
}
