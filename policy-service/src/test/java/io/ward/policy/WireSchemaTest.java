package io.ward.policy;

import static io.ward.http.problems.WireSchemas.Case.invalid;
import static io.ward.http.problems.WireSchemas.Case.valid;
import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Rules.BASE;
import static io.ward.policy.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ward.http.problems.WireSchemas;
import io.ward.http.problems.WireSchemas.Case;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules policy-service returns and the resolve reply a defender gets are valid under wire-schema/, and the
 * service's validator draws its lines where rule.schema.json does.
 */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class WireSchemaTest {

    private static final String RULE = "rule.schema.json";
    private static final String STORED = "#/$defs/storedRule";
    private static final String RESOLVE_REPLY = "resolve-reply.schema.json";
    private int cases;

    @BeforeEach
    void emptyRuleSet() {
        Rules.deleteAll();
    }

    /** Every field set, each list at its longest and each text at its longest. */
    private static Map<String, Object> ruleWithEveryField(String name) {
        Map<String, Object> rule = rule(name, "*", "shop-?", "a".repeat(128));
        rule.put("notes", "line one\n\tline two " + "n".repeat(3000));
        Map<String, Object> processes = section(rule, "processes");
        processes.put("allowed", List.of("python3", "/usr/src/app/*.py", "/" + "p".repeat(4095)));
        processes.put("denied", List.of("nc", "/usr/bin/ncat"));
        section(rule, "network").put("listeningPorts", List.of("5000", "8000-8080", "1", "65535"));
        return rule;
    }

    @Test
    void returnedRulesAndResolveRepliesAreValid() {
        Map<String, Object> created = asAdmin().body(ruleWithEveryField("every field")).post(BASE)
                .then().statusCode(201).extract().as(Map.class);
        WireSchemas.assertValid(RULE, STORED, created);
        Map<String, Object> minimal = new LinkedHashMap<>(Map.of("name", "defaults", "scope", Map.of("appIds", List.of("other-*"))));
        WireSchemas.assertValid(RULE, null, minimal);
        WireSchemas.assertValid(RULE, STORED, Rules.create(minimal));

        String list = asAdmin().get(BASE).then().statusCode(200).extract().asString();
        List<Map<String, Object>> rules = io.restassured.path.json.JsonPath.from(list).getList("rules");
        assertEquals(2, rules.size());
        for (Map<String, Object> stored : rules) {
            WireSchemas.assertValid(RULE, STORED, stored);
            WireSchemas.assertValid(RULE, STORED, asAdmin().get(Rules.path((String) stored.get("name")))
                    .then().statusCode(200).extract().asString());
        }
        WireSchemas.assertValid(RULE, STORED, asAdmin().post(Rules.path("defaults") + "/disable")
                .then().statusCode(200).extract().asString());

        String defender = Api.defenderToken(Api.installToken("webadmin-aci"));
        String match = Api.as(defender).get(BASE + "/resolve?appId=webadmin-aci").then().statusCode(200).extract().asString();
        WireSchemas.assertValid(RESOLVE_REPLY, null, match);
        assertEquals("every field", io.restassured.path.json.JsonPath.from(match).getString("rule.name"));
        Rules.deleteAll();
        String none = Api.as(defender).get(BASE + "/resolve?appId=webadmin-aci").then().statusCode(200).extract().asString();
        WireSchemas.assertValid(RESOLVE_REPLY, null, none);
        assertTrue(io.restassured.path.json.JsonPath.from(none).getMap("$").containsKey("rule"));
        assertNull(io.restassured.path.json.JsonPath.from(none).get("rule"));
    }

    @Test
    void theValidatorRefusesWhatTheSchemaRefusesAndAcceptsWhatItAccepts() {
        List<Case> cases = new ArrayList<>();
        cases.add(valid("the contract's example", rule("example", "*")));
        cases.add(valid("every field at its limit", ruleWithEveryField("at the limits")));
        cases.add(valid("name and scope only", Map.of("name", "minimal", "scope", Map.of("appIds", List.of("*")))));
        cases.add(valid("a 200-character name", rule("n".repeat(200), "*")));
        cases.add(valid("null sections", edited(r -> {
            r.put("processes", null);
            r.put("network", null);
            r.put("dns", null);
            r.put("notes", null);
        })));
        cases.add(valid("256 process entries", edited(r -> section(r, "processes").put("allowed", numbered("p", 256)))));
        cases.add(valid("100 scope globs", edited(r -> r.put("scope", Map.of("appIds", numbered("app-", 100))))));
        cases.add(valid("ports with leading zeros", edited(r -> section(r, "network").put("outboundPorts", List.of("05000", "00001-65535")))));
        cases.add(valid("addresses", edited(r -> section(r, "network").put("outboundIps",
                List.of("203.0.113.9", "0.0.0.0/0", "2001:db8::1", "::/0", "::ffff:192.0.2.1", "fe80::1/64", "1:2:3:4:5:6:7:8")))));
        cases.add(valid("a 253-character domain", edited(r -> section(r, "dns").put("allowed",
                List.of("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61))))));
        cases.add(valid("4000 characters of notes", edited(r -> r.put("notes", "x".repeat(3999) + "\n"))));

        cases.add(invalid("no name", edited(r -> r.remove("name")), "name"));
        cases.add(invalid("empty name", edited(r -> r.put("name", "")), "name"));
        cases.add(invalid("201-character name", edited(r -> r.put("name", "n".repeat(201))), "name"));
        cases.add(invalid("a bidi override in the name", edited(r -> r.put("name", "evil\u202Etxt")), "name"));
        cases.add(invalid("a newline in the name", edited(r -> r.put("name", "two\nlines")), "name"));
        cases.add(invalid("4001 characters of notes", edited(r -> r.put("notes", "x".repeat(4001))), "notes"));
        cases.add(invalid("a bell in the notes", edited(r -> r.put("notes", "ding\u0007")), "notes"));
        cases.add(invalid("disabled as text", edited(r -> r.put("disabled", "yes")), "disabled"));
        cases.add(invalid("no scope", edited(r -> r.remove("scope")), "scope"));
        cases.add(invalid("no app ids", edited(r -> r.put("scope", Map.of("appIds", List.of()))), "scope.appIds"));
        cases.add(invalid("101 app ids", edited(r -> r.put("scope", Map.of("appIds", numbered("app-", 101)))), "scope.appIds"));
        cases.add(invalid("a space in an app id glob", edited(r -> r.put("scope", Map.of("appIds", List.of("web admin")))), "scope.appIds[0]"));
        cases.add(invalid("a 129-character glob", edited(r -> r.put("scope", Map.of("appIds", List.of("a".repeat(129))))), "scope.appIds[0]"));
        cases.add(invalid("an unknown field", edited(r -> r.put("color", "red")), "color"));
        cases.add(invalid("an unknown section field", edited(r -> section(r, "processes").put("paths", List.of())), "processes.paths"));
        cases.add(invalid("257 process entries", edited(r -> section(r, "processes").put("allowed", numbered("p", 257))), "processes.allowed"));
        cases.add(invalid("a 4097-character entry", edited(r -> section(r, "processes").put("denied", List.of("/" + "x".repeat(4096)))), "processes.denied[0]"));
        cases.add(invalid("an empty entry", edited(r -> section(r, "processes").put("allowed", List.of(""))), "processes.allowed[0]"));
        cases.add(invalid("a null entry", edited(r -> section(r, "processes").put("allowed", Collections.singletonList(null))), "processes.allowed[0]"));
        cases.add(invalid("effect block", edited(r -> section(r, "processes").put("effect", "block")), "processes.effect"));
        cases.add(invalid("effect ALERT", edited(r -> section(r, "dns").put("effect", "ALERT")), "dns.effect"));
        cases.add(invalid("port 0", edited(r -> section(r, "network").put("listeningPorts", List.of("0"))), "network.listeningPorts[0]"));
        cases.add(invalid("port 65536", edited(r -> section(r, "network").put("outboundPorts", List.of("80", "65536"))), "network.outboundPorts[1]"));
        cases.add(invalid("a named port", edited(r -> section(r, "network").put("outboundPorts", List.of("http"))), "network.outboundPorts[0]"));
        cases.add(invalid("a six-digit port", edited(r -> section(r, "network").put("outboundPorts", List.of("005000"))), "network.outboundPorts[0]"));
        cases.add(invalid("300.1.1.1", edited(r -> section(r, "network").put("outboundIps", List.of("300.1.1.1"))), "network.outboundIps[0]"));
        cases.add(invalid("a /33", edited(r -> section(r, "network").put("outboundIps", List.of("10.0.0.0/33"))), "network.outboundIps[0]"));
        cases.add(invalid("a /129", edited(r -> section(r, "network").put("outboundIps", List.of("2001:db8::/129"))), "network.outboundIps[0]"));
        cases.add(invalid("a leading zero in IPv4", edited(r -> section(r, "network").put("outboundIps", List.of("01.2.3.4"))), "network.outboundIps[0]"));
        cases.add(invalid("three colons", edited(r -> section(r, "network").put("outboundIps", List.of("2001:db8:::1"))), "network.outboundIps[0]"));
        cases.add(invalid("a host name as address", edited(r -> section(r, "network").put("outboundIps", List.of("example.com"))), "network.outboundIps[0]"));
        cases.add(invalid("an empty label", edited(r -> section(r, "dns").put("denied", List.of("evil..example"))), "dns.denied[0]"));
        cases.add(invalid("a glob inside a domain", edited(r -> section(r, "dns").put("allowed", List.of("a.*.example"))), "dns.allowed[0]"));
        cases.add(invalid("a 254-character domain", edited(r -> section(r, "dns").put("allowed",
                List.of("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62)))), "dns.allowed[0]"));

        WireSchemas.assertServiceAgrees(RULE, cases, this::create);
    }

    /** POSTs the rule under a fresh name (unless it has none, or a name under test) and deletes it again. */
    private WireSchemas.Reply create(Object document) {
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) document);
        Response reply = asAdmin().body(body).post(BASE);
        if (reply.statusCode() == 201) {
            asAdmin().delete(Rules.path((String) body.get("name"))).then().statusCode(204);
        }
        return new WireSchemas.Reply(reply.statusCode(), reply.asString());
    }

    /** The example rule under a fresh name, changed by {@code edit}. */
    private Map<String, Object> edited(Consumer<Map<String, Object>> edit) {
        Map<String, Object> rule = rule("case " + cases++, "*");
        edit.accept(rule);
        return rule;
    }

    private static Map<String, Object> section(Map<String, Object> rule, String name) {
        return (Map<String, Object>) rule.get(name);
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }
}
