package io.ward.http.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helper shared by the services' wire-schema tests (published in this module's test-jar): audits and heartbeats
 * shaped field for field as the defender writes them (defender/src/report.c, uplink.c), as mutable maps to edit.
 */
public final class DefenderDocuments {

    private DefenderDocuments() {
    }

    /** The seed's audit: the web app running {@code /bin/sh -c ls}, alerted, at {@code time} (ISO-8601, UTC). */
    public static Map<String, Object> processAudit(String appId, String time) {
        return processAudit(appId, time, "/bin/sh -c ls");
    }

    /** The seed's audit with the web app running {@code command} through {@code /bin/sh}. */
    public static Map<String, Object> processAudit(String appId, String time, String command) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("path", "/bin/dash");
        process.put("command", command);
        process.put("pid", 4711);
        process.put("ppid", 12);
        process.put("parentPath", "/usr/local/bin/python3.9");
        process.put("user", "antitree");
        process.put("uid", 999);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("id", UUID.randomUUID().toString());
        audit.put("time", time);
        audit.put("appId", appId);
        audit.put("instanceId", appId + ":" + UUID.randomUUID());
        audit.put("type", "processes");
        audit.put("effect", "alert");
        audit.put("reason", "not-allowed");
        audit.put("ruleName", "Org App-Embedded Runtime Protection Policy");
        audit.put("ruleRevision", 17);
        audit.put("message", "/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy."
                + " Full command: " + command);
        audit.put("process", process);
        audit.put("network", null);
        audit.put("dns", null);
        return audit;
    }

    public static Map<String, Object> process(Map<String, Object> audit) {
        return (Map<String, Object>) audit.get("process");
    }

    /** Makes {@code audit} a network audit: a listening port, or an outbound connection (protocol raw: a raw socket). */
    public static void network(Map<String, Object> audit, String direction, String protocol, String ip, int port) {
        audit.put("type", "network");
        audit.put("reason", "listen".equals(direction) ? "listen-port" : "outbound");
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("direction", direction);
        network.put("protocol", protocol);
        network.put("ip", ip);
        network.put("port", port);
        audit.put("network", network);
    }

    /** Makes {@code audit} a DNS audit. */
    public static void dns(Map<String, Object> audit, String domain, String queryType) {
        audit.put("type", "dns");
        audit.put("reason", "dns");
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("domain", domain);
        dns.put("queryType", queryType);
        audit.put("dns", dns);
    }

    /** A heartbeat of a fresh instance of {@code appId}, with the defender's counters. */
    public static Map<String, Object> heartbeat(String appId) {
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("instanceId", appId + ":" + UUID.randomUUID());
        beat.put("appId", appId);
        beat.put("version", "0.1.0");
        beat.put("hostname", "SandboxHost-638");
        beat.put("startedAt", "2026-11-28T12:00:00.123456Z");
        beat.put("policyRevision", 17);
        beat.put("failOpen", false);
        beat.put("intervalSeconds", 30);
        Map<String, Object> counters = new LinkedHashMap<>();
        for (String name : List.of("auditsSent", "auditsSpooled", "auditsDropped", "execsSeen", "allowed", "alerted",
                "prevented", "setuidExecs")) {
            counters.put(name, 0);
        }
        beat.put("counters", counters);
        return beat;
    }
}
