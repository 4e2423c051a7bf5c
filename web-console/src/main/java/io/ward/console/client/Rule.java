package io.ward.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** An App-Embedded runtime rule in policy-service's wire shape (read, and sent back on create and replace). */
@TemplateData
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rule(String name, String notes, Boolean disabled, Scope scope, Processes processes, Network network,
                   Dns dns, Long revision, Instant modified, String modifiedBy) {

    /** Which app ids the rule applies to. */
    @TemplateData
    @RegisterForReflection
    public record Scope(List<String> appIds) {
    }

    /** The Processes section. */
    @TemplateData
    @RegisterForReflection
    public record Processes(Boolean enabled, List<String> allowed, List<String> denied, String effect,
                            Boolean cryptoMiners, Boolean modifiedBinaries) {
    }

    /** The Networking section. */
    @TemplateData
    @RegisterForReflection
    public record Network(Boolean enabled, List<String> listeningPorts, List<String> outboundPorts,
                          List<String> outboundIps, String effect) {
    }

    /** The DNS section. */
    @TemplateData
    @RegisterForReflection
    public record Dns(Boolean enabled, List<String> allowed, List<String> denied, String effect) {
    }
}
