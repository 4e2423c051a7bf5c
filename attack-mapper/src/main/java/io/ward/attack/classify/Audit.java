package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.http.problems.AuditFields;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The part of a Ward audit (wire contract) that classification reads; other contract fields are accepted and ignored.
 */
@RegisterForReflection
@Schema(description = "An audit as the defender reports it, or just its process/network/dns parts")
public record Audit(
        @NotBlank @Size(max = 200) @Schema(required = true, example = "0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10") String id,
        @Pattern(regexp = AuditFields.TYPES, message = AuditFields.TYPES_MESSAGE)
        @Schema(example = "processes") String type,
        @Pattern(regexp = AuditFields.REASONS, message = AuditFields.REASONS_MESSAGE)
        @Schema(example = "not-allowed") String reason,
        @Valid AuditProcess process,
        @Valid AuditNetwork network,
        @Valid AuditDns dns) {

    /** The audit's kind: the declared type, else the part that is present. */
    public String effectiveType() {
        if (type != null) {
            return type;
        }
        if (network != null) {
            return "network";
        }
        return dns != null ? "dns" : "processes";
    }
}
