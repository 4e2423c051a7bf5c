package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.http.problems.AuditFields;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A network audit's connection: a listening socket (local address) or an outbound connection (remote address). Protocol
 * {@code raw} is a raw IP or packet socket: no destination yet, so the ip is the unspecified address and the port 0.
 */
@RegisterForReflection
public record AuditNetwork(
        @NotNull @Pattern(regexp = AuditFields.DIRECTIONS, message = AuditFields.DIRECTIONS_MESSAGE)
        @Schema(required = true, example = "outbound") String direction,
        @Pattern(regexp = AuditFields.PROTOCOLS, message = AuditFields.PROTOCOLS_MESSAGE)
        @Schema(example = "tcp") String protocol,
        @Size(max = AuditFields.MAX_IP) @Pattern(regexp = AuditFields.IP, message = AuditFields.IP_MESSAGE)
        @Schema(example = "203.0.113.9") String ip,
        @NotNull @Min(0) @Max(65535) @Schema(required = true, example = "4444") Integer port) {
}
