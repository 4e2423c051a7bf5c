package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Process control. Entries without '/' match the executable's basename, with '/' its full path; '*' and '?' glob.
 * Absent fields take the defaults of {@link #withDefaults()}.
 */
@RegisterForReflection
public record ProcessRules(
        Boolean enabled,
        @Size(max = 256) List<@NotNull @PlainText(max = 4096) String> allowed,
        @Size(max = 256) List<@NotNull @PlainText(max = 4096) String> denied,
        @Pattern(regexp = Effects.PATTERN, message = Effects.MESSAGE) String effect,
        Boolean cryptoMiners,
        Boolean modifiedBinaries) {

    public static final ProcessRules OFF = new ProcessRules(false, List.of(), List.of(), Effects.ALERT, false, false);

    public ProcessRules withDefaults() {
        return new ProcessRules(
                enabled != null ? enabled : false,
                allowed != null ? allowed : List.of(),
                denied != null ? denied : List.of(),
                effect != null ? effect : Effects.ALERT,
                cryptoMiners != null ? cryptoMiners : false,
                modifiedBinaries != null ? modifiedBinaries : false);
    }
}
