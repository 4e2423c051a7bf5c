package io.ward.attack.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
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
        @NotNull @Pattern(regexp = "listen|outbound", message = "must be listen or outbound")
        @Schema(required = true, example = "outbound") String direction,
        @Pattern(regexp = "tcp|udp|raw", message = "must be tcp, udp or raw") @Schema(example = "tcp") String protocol,
        @Size(max = 45) @Pattern(regexp = "[0-9A-Fa-f.:]+", message = "must be an IPv4 or IPv6 address")
        @Schema(example = "203.0.113.9") String ip,
        @NotNull @Min(0) @Max(65535) @Schema(required = true, example = "4444") Integer port) {
}
