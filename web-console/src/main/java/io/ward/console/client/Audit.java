package io.ward.console.client;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** An audit as event-service returns it: what the defender saw, where, and its ATT&CK techniques (primary first). */
@TemplateData
@RegisterForReflection
public record Audit(String id, Instant time, Instant receivedAt, String appId, String instanceId, String type,
                    String effect, String reason, String ruleName, Long ruleRevision, String message,
                    ProcessContext process, NetworkContext network, DnsContext dns, List<Technique> attack) {

    /** The process that did what the audit reports. */
    @TemplateData
    @RegisterForReflection
    public record ProcessContext(String path, String command, Integer pid, Integer ppid, String parentPath, String user,
                                 Long uid) {
    }

    /** A listening port or an outbound connection. */
    @TemplateData
    @RegisterForReflection
    public record NetworkContext(String direction, String protocol, String ip, Integer port) {
    }

    /** A DNS query. */
    @TemplateData
    @RegisterForReflection
    public record DnsContext(String domain, String queryType) {
    }

    /** One ATT&CK technique attack-mapper assigned. */
    @TemplateData
    @RegisterForReflection
    public record Technique(String tactic, String techniqueId, String techniqueName) {
    }

    /** The primary technique, or null while unclassified. */
    public Technique primaryTechnique() {
        return attack == null || attack.isEmpty() ? null : attack.get(0);
    }
}
