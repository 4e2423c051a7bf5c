package io.ward.event.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.http.problems.AuditFields;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** One audit as a defender reports it (the wire contract's shape), with the rules each field must meet. */
@RegisterForReflection
public record Audit(
        @NotNull UUID id,
        @NotNull Instant time,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "may contain only letters, digits and . _ : -") String appId,
        @NotBlank @Size(max = 256) String instanceId,
        @NotNull @Pattern(regexp = AuditFields.TYPES, message = AuditFields.TYPES_MESSAGE) String type,
        @NotNull @Pattern(regexp = "alert|prevent", message = "must be alert or prevent") String effect,
        @NotNull @Pattern(regexp = AuditFields.REASONS, message = AuditFields.REASONS_MESSAGE) String reason,
        @NotBlank @Size(max = 256) String ruleName,
        @PositiveOrZero Long ruleRevision,
        @NotBlank @Size(max = 8192) String message,
        @NotNull @Valid Process process,
        @Valid Network network,
        @Valid Dns dns) {

    /** The process that did what the audit reports. */
    @RegisterForReflection
    public record Process(
            @NotBlank @Size(max = AuditFields.MAX_PATH) String path,
            @Size(max = AuditFields.MAX_COMMAND) String command,
            @NotNull @Positive Integer pid,
            @PositiveOrZero Integer ppid,
            @Size(max = AuditFields.MAX_PATH) String parentPath,
            @Size(max = 256) String user,
            @PositiveOrZero @Max(4294967295L) Long uid) {
    }

    /** A listening port or an outbound connection; protocol raw is a raw IP or packet socket (ip unspecified, port 0). */
    @RegisterForReflection
    public record Network(
            @NotNull @Pattern(regexp = AuditFields.DIRECTIONS, message = AuditFields.DIRECTIONS_MESSAGE) String direction,
            @NotNull @Pattern(regexp = AuditFields.PROTOCOLS, message = AuditFields.PROTOCOLS_MESSAGE) String protocol,
            @NotBlank @Size(max = AuditFields.MAX_IP) @Pattern(regexp = AuditFields.IP, message = AuditFields.IP_MESSAGE) String ip,
            @NotNull @PositiveOrZero @Max(65535) Integer port) {
    }

    /** A DNS query. */
    @RegisterForReflection
    public record Dns(
            @NotBlank @Size(max = AuditFields.MAX_DOMAIN) String domain,
            @Size(max = AuditFields.MAX_QUERY_TYPE) String queryType) {
    }
}
