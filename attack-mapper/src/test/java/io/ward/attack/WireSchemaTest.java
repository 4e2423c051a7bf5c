package io.ward.attack;

import static io.restassured.RestAssured.given;
import static io.ward.http.problems.DefenderDocuments.dns;
import static io.ward.http.problems.DefenderDocuments.network;
import static io.ward.http.problems.DefenderDocuments.process;
import static io.ward.http.problems.WireSchemas.Case.invalid;
import static io.ward.http.problems.WireSchemas.Case.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ward.http.problems.DefenderDocuments;
import io.ward.http.problems.WireSchemas;
import io.ward.http.problems.WireSchemas.Case;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * attack-mapper takes audits as the defender writes them (valid under wire-schema/audit-batch.schema.json), and where
 * it checks a field it draws the schema's line. It also takes partial audits (its documented behaviour), so fields it
 * does not read (appId, time, pid, ...) are not checked here.
 */
@QuarkusTest
class WireSchemaTest {

    private static final String SCHEMA = "audit-batch.schema.json";
    private static final String TIME = "2026-11-28T12:14:03.123456Z";

    @Test
    void defenderAuditsAreClassified() {
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(audit(a -> { }));
        batch.add(audit(a -> network(a, "outbound", "tcp", "203.0.113.9", 4444)));
        batch.add(audit(a -> network(a, "listen", "udp", "::", 5353)));
        batch.add(audit(a -> network(a, "outbound", "raw", "0.0.0.0", 0)));
        batch.add(audit(a -> dns(a, "pool.minexmr.com", "A")));
        batch.add(audit(a -> {
            process(a).put("command", "c".repeat(8192));
            process(a).put("path", "/" + "p".repeat(4095));
            process(a).put("parentPath", null);
            process(a).put("user", null);
        }));
        WireSchemas.assertValid(SCHEMA, null, batch);

        List<Map<String, Object>> results = classify(batch).then().statusCode(200).extract().as(List.class);
        assertEquals(batch.stream().map(a -> a.get("id")).toList(), results.stream().map(r -> r.get("id")).toList());
        assertEquals("T1059.004", ((Map<?, ?>) ((List<?>) results.get(0).get("attack")).get(0)).get("techniqueId"),
                "the seed's /bin/sh -c ls is a Unix shell: " + results.get(0));
    }

    @Test
    void theFieldsItChecksHaveTheSchemasLimits() {
        List<Case> cases = new ArrayList<>();
        cases.add(valid("the defender's process audit", List.of(audit(a -> { }))));
        cases.add(valid("an 8192-character command", List.of(audit(a -> process(a).put("command", "c".repeat(8192))))));
        cases.add(valid("4096-character paths", List.of(audit(a -> {
            process(a).put("path", "/" + "p".repeat(4095));
            process(a).put("parentPath", "/" + "q".repeat(4095));
        }))));
        cases.add(valid("a 45-character address, ports 0 and 65535", List.of(
                audit(a -> network(a, "outbound", "tcp", "0000:0000:0000:0000:0000:ffff:192.168.100.228", 65535)),
                audit(a -> network(a, "listen", "raw", "::", 0)))));
        cases.add(valid("a dns audit at its limits", List.of(audit(a -> dns(a, "d".repeat(253), "q".repeat(16))))));

        cases.add(invalid("a null audit", Collections.singletonList(null), "[0]"));
        cases.add(invalid("an 8193-character command", List.of(audit(a -> process(a).put("command", "c".repeat(8193)))),
                "[0].process.command"));
        cases.add(invalid("a 4097-character path", List.of(audit(a -> process(a).put("path", "/" + "p".repeat(4096)))),
                "[0].process.path"));
        cases.add(invalid("a 4097-character parent path",
                List.of(audit(a -> process(a).put("parentPath", "/" + "q".repeat(4096)))), "[0].process.parentPath"));
        cases.add(invalid("type files", List.of(audit(a -> a.put("type", "files"))), "[0].type"));
        cases.add(invalid("an unknown reason", List.of(audit(a -> a.put("reason", "suspicious"))), "[0].reason"));
        cases.add(invalid("a network audit without its network part", List.of(audit(a -> a.put("type", "network"))),
                "[0].network"));
        cases.add(invalid("a dns audit without its dns part", List.of(audit(a -> a.put("type", "dns"))), "[0].dns"));
        cases.add(invalid("direction in", List.of(audit(a -> network(a, "in", "tcp", "10.0.0.1", 80))),
                "[0].network.direction"));
        cases.add(invalid("protocol icmp", List.of(audit(a -> network(a, "outbound", "icmp", "10.0.0.1", 80))),
                "[0].network.protocol"));
        cases.add(invalid("a host name as ip", List.of(audit(a -> network(a, "outbound", "tcp", "example.com", 80))),
                "[0].network.ip"));
        cases.add(invalid("a 46-character ip", List.of(audit(a -> network(a, "outbound", "tcp", "0".repeat(46), 80))),
                "[0].network.ip"));
        cases.add(invalid("port 65536", List.of(audit(a -> network(a, "outbound", "tcp", "10.0.0.1", 65536))),
                "[0].network.port"));
        cases.add(invalid("port -1", List.of(audit(a -> network(a, "listen", "tcp", "10.0.0.1", -1))), "[0].network.port"));
        cases.add(invalid("a blank domain", List.of(audit(a -> dns(a, " ", "A"))), "[0].dns.domain"));
        cases.add(invalid("a 254-character domain", List.of(audit(a -> dns(a, "d".repeat(254), "A"))), "[0].dns.domain"));
        cases.add(invalid("a 17-character query type", List.of(audit(a -> dns(a, "evil.example", "q".repeat(17)))),
                "[0].dns.queryType"));

        WireSchemas.assertServiceAgrees(SCHEMA, cases, body -> {
            Response reply = classify(body);
            return new WireSchemas.Reply(reply.statusCode(), reply.asString());
        });
    }

    private static Map<String, Object> audit(Consumer<Map<String, Object>> edit) {
        Map<String, Object> audit = DefenderDocuments.processAudit("webadmin-aci", TIME);
        edit.accept(audit);
        return audit;
    }

    private static Response classify(Object body) {
        return given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/attack/classify");
    }
}
