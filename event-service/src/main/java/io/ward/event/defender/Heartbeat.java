package io.ward.event.defender;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** A defender's periodic sign of life with its state and counters (an open map of non-negative integers). */
@RegisterForReflection
public record Heartbeat(
        @NotBlank @Size(max = 256) String instanceId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "may contain only letters, digits and . _ : -") String appId,
        @Size(max = 64) String version,
        @Size(max = 255) String hostname,
        Instant startedAt,
        @PositiveOrZero Long policyRevision,
        Boolean failOpen,
        @Min(1) @Max(3600) Integer intervalSeconds,
        @Size(max = 64) Map<@NotBlank @Size(max = 64) String, @NotNull @PositiveOrZero Long> counters) {
}
