package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** DNS control: domains the app may resolve and domains it must not. */
@RegisterForReflection
public record DnsRules(
        Boolean enabled,
        @Size(max = 256) List<@NotNull @DomainPattern String> allowed,
        @Size(max = 256) List<@NotNull @DomainPattern String> denied,
        @Pattern(regexp = Effects.PATTERN, message = Effects.MESSAGE) String effect) {

    public static final DnsRules OFF = new DnsRules(false, List.of(), List.of(), Effects.ALERT);

    public DnsRules withDefaults() {
        return new DnsRules(
                enabled != null ? enabled : false,
                allowed != null ? allowed : List.of(),
                denied != null ? denied : List.of(),
                effect != null ? effect : Effects.ALERT);
    }
}
