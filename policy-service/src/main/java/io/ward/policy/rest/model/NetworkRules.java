package io.ward.policy.rest.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Network control: ports the app may listen on, outbound ports and addresses it may reach. */
@RegisterForReflection
public record NetworkRules(
        Boolean enabled,
        @Size(max = 256) List<@NotNull @PortSpec String> listeningPorts,
        @Size(max = 256) List<@NotNull @PortSpec String> outboundPorts,
        @Size(max = 256) List<@NotNull @IpOrCidr String> outboundIps,
        @Pattern(regexp = Effects.PATTERN, message = Effects.MESSAGE) String effect) {

    public static final NetworkRules OFF = new NetworkRules(false, List.of(), List.of(), List.of(), Effects.ALERT);

    public NetworkRules withDefaults() {
        return new NetworkRules(
                enabled != null ? enabled : false,
                listeningPorts != null ? listeningPorts : List.of(),
                outboundPorts != null ? outboundPorts : List.of(),
                outboundIps != null ? outboundIps : List.of(),
                effect != null ? effect : Effects.ALERT);
    }
}
