package io.ward.event;

import static io.ward.event.Api.asAdmin;
import static io.ward.http.problems.DefenderDocuments.dns;
import static io.ward.http.problems.DefenderDocuments.network;
import static io.ward.http.problems.DefenderDocuments.process;
import static io.ward.http.problems.WireSchemas.Case.invalid;
import static io.ward.http.problems.WireSchemas.Case.valid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ward.http.problems.DefenderDocuments;
import io.ward.http.problems.WireSchemas;
import io.ward.http.problems.WireSchemas.Case;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * event-service's audit ingestion and heartbeat draw their lines where audit-batch.schema.json and
 * heartbeat.schema.json do: what the schema refuses is a 400 naming the field, what it accepts is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class WireSchemaTest {

    private static final String AUDITS = "/api/v1/audits/app-embedded";
    private static final String HEARTBEAT = "/api/v1/defenders/heartbeat";
    private final String app = Api.newAppId("schema");

    @Test
    void auditIngestionAgreesWithTheSchema() {
        List<Case> cases = new ArrayList<>();
        cases.add(valid("the defender's process audit", batch(a -> { })));
        cases.add(valid("a network audit", batch(a -> network(a, "listen", "tcp", "0.0.0.0", 5000))));
        cases.add(valid("a raw socket audit", batch(a -> network(a, "outbound", "raw", "::", 0))));
        cases.add(valid("a dns audit", batch(a -> dns(a, "evil.example", "AAAA"))));
        cases.add(valid("every optional field null", batch(a -> {
            a.put("ruleRevision", null);
            for (String field : List.of("command", "ppid", "parentPath", "user", "uid")) {
                process(a).put(field, null);
            }
        })));
        cases.add(valid("optional fields left out", batch(a -> {
            a.remove("ruleRevision");
            a.remove("network");
            a.remove("dns");
            process(a).keySet().retainAll(List.of("path", "pid"));
        })));
        cases.add(valid("every text at its longest", batch(a -> {
            a.put("appId", "a".repeat(128));
            a.put("instanceId", "i".repeat(256));
            a.put("ruleName", "r".repeat(256));
            a.put("message", "m".repeat(8192));
            process(a).put("path", "/" + "p".repeat(4095));
            process(a).put("command", "c".repeat(8192));
            process(a).put("parentPath", "/" + "q".repeat(4095));
            process(a).put("user", "u".repeat(256));
        })));
        cases.add(valid("numbers at their limits", batch(a -> {
            process(a).put("pid", 2147483647);
            process(a).put("ppid", 0);
            process(a).put("uid", 4294967295L);
            a.put("ruleRevision", 0);
        })));
        cases.add(valid("a dns audit at its limits", batch(a -> dns(a, "d".repeat(253), "q".repeat(16)))));
        cases.add(valid("a 45-character address, port 65535",
                batch(a -> network(a, "outbound", "udp", "0000:0000:0000:0000:0000:ffff:192.168.100.228", 65535))));
        cases.add(valid("a field from a newer defender", batch(a -> a.put("container", "web"))));

        cases.add(invalid("a null audit", Collections.singletonList(null), "[0]"));
        cases.add(invalid("an id that is not a UUID", batch(a -> a.put("id", "audit-1")), "[0].id"));
        cases.add(invalid("no id", batch(a -> a.remove("id")), "[0].id"));
        cases.add(invalid("a time that is not one", batch(a -> a.put("time", "yesterday")), "[0].time"));
        cases.add(invalid("no time", batch(a -> a.remove("time")), "[0].time"));
        cases.add(invalid("a 129-character app id", batch(a -> a.put("appId", "a".repeat(129))), "[0].appId"));
        cases.add(invalid("an app id starting with -", batch(a -> a.put("appId", "-web")), "[0].appId"));
        cases.add(invalid("a space in the app id", batch(a -> a.put("appId", "web admin")), "[0].appId"));
        cases.add(invalid("a newline after the app id", batch(a -> a.put("appId", "web\n")), "[0].appId"));
        cases.add(invalid("a blank instance id", batch(a -> a.put("instanceId", "  ")), "[0].instanceId"));
        cases.add(invalid("a 257-character instance id", batch(a -> a.put("instanceId", "i".repeat(257))), "[0].instanceId"));
        cases.add(invalid("type files", batch(a -> a.put("type", "files")), "[0].type"));
        cases.add(invalid("effect block", batch(a -> a.put("effect", "block")), "[0].effect"));
        cases.add(invalid("an unknown reason", batch(a -> a.put("reason", "suspicious")), "[0].reason"));
        cases.add(invalid("no rule name", batch(a -> a.remove("ruleName")), "[0].ruleName"));
        cases.add(invalid("a 257-character rule name", batch(a -> a.put("ruleName", "r".repeat(257))), "[0].ruleName"));
        cases.add(invalid("a negative rule revision", batch(a -> a.put("ruleRevision", -1)), "[0].ruleRevision"));
        cases.add(invalid("an empty message", batch(a -> a.put("message", "")), "[0].message"));
        cases.add(invalid("an 8193-character message", batch(a -> a.put("message", "m".repeat(8193))), "[0].message"));
        cases.add(invalid("no process", batch(a -> a.remove("process")), "[0].process"));
        cases.add(invalid("no path", batch(a -> process(a).remove("path")), "[0].process.path"));
        cases.add(invalid("a 4097-character path", batch(a -> process(a).put("path", "/" + "p".repeat(4096))), "[0].process.path"));
        cases.add(invalid("an 8193-character command", batch(a -> process(a).put("command", "c".repeat(8193))), "[0].process.command"));
        cases.add(invalid("no pid", batch(a -> process(a).remove("pid")), "[0].process.pid"));
        cases.add(invalid("pid 0", batch(a -> process(a).put("pid", 0)), "[0].process.pid"));
        cases.add(invalid("a pid as text", batch(a -> process(a).put("pid", "many")), "[0].process.pid"));
        cases.add(invalid("a negative ppid", batch(a -> process(a).put("ppid", -1)), "[0].process.ppid"));
        cases.add(invalid("a 4097-character parent path", batch(a -> process(a).put("parentPath", "/" + "q".repeat(4096))), "[0].process.parentPath"));
        cases.add(invalid("a 257-character user", batch(a -> process(a).put("user", "u".repeat(257))), "[0].process.user"));
        cases.add(invalid("a negative uid", batch(a -> process(a).put("uid", -1)), "[0].process.uid"));
        cases.add(invalid("a uid past 32 bits", batch(a -> process(a).put("uid", 4294967296L)), "[0].process.uid"));
        cases.add(invalid("a network audit without its network part", batch(a -> a.put("type", "network")), "[0].network"));
        cases.add(invalid("direction in", batch(a -> network(a, "in", "tcp", "10.0.0.1", 80)), "[0].network.direction"));
        cases.add(invalid("protocol icmp", batch(a -> network(a, "outbound", "icmp", "10.0.0.1", 80)), "[0].network.protocol"));
        cases.add(invalid("a host name as ip", batch(a -> network(a, "outbound", "tcp", "example.com", 80)), "[0].network.ip"));
        cases.add(invalid("a 46-character ip", batch(a -> network(a, "outbound", "tcp", "0".repeat(46), 80)), "[0].network.ip"));
        cases.add(invalid("port 65536", batch(a -> network(a, "outbound", "tcp", "10.0.0.1", 65536)), "[0].network.port"));
        cases.add(invalid("port -1", batch(a -> network(a, "listen", "tcp", "10.0.0.1", -1)), "[0].network.port"));
        cases.add(invalid("a dns audit without its dns part", batch(a -> a.put("type", "dns")), "[0].dns"));
        cases.add(invalid("a blank domain", batch(a -> dns(a, " ", "A")), "[0].dns.domain"));
        cases.add(invalid("a 254-character domain", batch(a -> dns(a, "d".repeat(254), "A")), "[0].dns.domain"));
        cases.add(invalid("a 17-character query type", batch(a -> dns(a, "evil.example", "q".repeat(17))), "[0].dns.queryType"));

        WireSchemas.assertServiceAgrees("audit-batch.schema.json", cases, body -> send(AUDITS, body));
    }

    @Test
    void heartbeatsAgreeWithTheSchema() {
        List<Case> cases = new ArrayList<>();
        cases.add(valid("the defender's heartbeat", beat(b -> { })));
        cases.add(valid("instance and app only", Map.of("instanceId", app + ":" + UUID.randomUUID(), "appId", app)));
        cases.add(valid("optional fields null", beat(b -> {
            for (String field : List.of("version", "hostname", "startedAt", "policyRevision", "failOpen", "intervalSeconds", "counters")) {
                b.put(field, null);
            }
        })));
        cases.add(valid("texts and numbers at their limits", beat(b -> {
            b.put("instanceId", "i".repeat(256));
            b.put("version", "v".repeat(64));
            b.put("hostname", "h".repeat(255));
            b.put("policyRevision", 0);
            b.put("intervalSeconds", 3600);
        })));
        cases.add(valid("interval 1", beat(b -> b.put("intervalSeconds", 1))));
        cases.add(valid("64 counters with 64-character names", beat(b -> b.put("counters", counters(64, 64)))));
        cases.add(valid("a field from a newer defender", beat(b -> b.put("kernel", "6.18"))));

        cases.add(invalid("no instance id", beat(b -> b.remove("instanceId")), "instanceId"));
        cases.add(invalid("a blank instance id", beat(b -> b.put("instanceId", " ")), "instanceId"));
        cases.add(invalid("a 257-character instance id", beat(b -> b.put("instanceId", "i".repeat(257))), "instanceId"));
        cases.add(invalid("no app id", beat(b -> b.remove("appId")), "appId"));
        cases.add(invalid("a 129-character app id", beat(b -> b.put("appId", "a".repeat(129))), "appId"));
        cases.add(invalid("an app id with a slash", beat(b -> b.put("appId", "web/admin")), "appId"));
        cases.add(invalid("a 65-character version", beat(b -> b.put("version", "v".repeat(65))), "version"));
        cases.add(invalid("a 256-character hostname", beat(b -> b.put("hostname", "h".repeat(256))), "hostname"));
        cases.add(invalid("a start that is not a time", beat(b -> b.put("startedAt", "at boot")), "startedAt"));
        cases.add(invalid("a negative policy revision", beat(b -> b.put("policyRevision", -1)), "policyRevision"));
        cases.add(invalid("fail-open as text", beat(b -> b.put("failOpen", "no")), "failOpen"));
        cases.add(invalid("interval 0", beat(b -> b.put("intervalSeconds", 0)), "intervalSeconds"));
        cases.add(invalid("interval 3601", beat(b -> b.put("intervalSeconds", 3601)), "intervalSeconds"));
        cases.add(invalid("65 counters", beat(b -> b.put("counters", counters(65, 8))), "counters"));
        cases.add(invalid("a negative counter", beat(b -> ((Map<String, Object>) b.get("counters")).put("execsSeen", -1)), "counters.execsSeen"));
        cases.add(invalid("a null counter", beat(b -> ((Map<String, Object>) b.get("counters")).put("execsSeen", null)), "counters.execsSeen"));

        WireSchemas.assertServiceAgrees("heartbeat.schema.json", cases, body -> send(HEARTBEAT, body));
    }

    private static WireSchemas.Reply send(String path, Object body) {
        Response reply = asAdmin().body(body).post(path);
        return new WireSchemas.Reply(reply.statusCode(), reply.asString());
    }

    /** A batch of one audit as the defender writes it, changed by {@code edit}. */
    private List<Map<String, Object>> batch(Consumer<Map<String, Object>> edit) {
        Map<String, Object> audit = DefenderDocuments.processAudit(app, Api.now().toString());
        edit.accept(audit);
        return Collections.singletonList(audit);
    }

    /** A heartbeat as the defender writes it (a fresh instance), changed by {@code edit}. */
    private Map<String, Object> beat(Consumer<Map<String, Object>> edit) {
        Map<String, Object> beat = DefenderDocuments.heartbeat(app);
        edit.accept(beat);
        return beat;
    }

    private static Map<String, Object> counters(int count, int nameLength) {
        Map<String, Object> counters = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "c" + i;
            counters.put(name + "x".repeat(nameLength - name.length()), i);
        }
        return counters;
    }
}
