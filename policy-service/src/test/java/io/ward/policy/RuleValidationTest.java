package io.ward.policy;

import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Rules.BASE;
import static io.ward.policy.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every validation rule answers 400 with a problem body naming the field, and stores nothing. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class RuleValidationTest {

    private static final String PORT = "must be a port 1-65535 or a range like 8000-8080";
    private static final String IP = "must be an IPv4/IPv6 address or CIDR such as 10.0.0.0/8 or 2001:db8::/32";
    private static final String DOMAIN = "must be a domain name, optionally starting with *. (at most 253 characters)";
    private static final String PROCESS = "must be 1-4096 characters without control characters";

    @BeforeEach
    void emptyRuleSet() {
        Rules.deleteAll();
    }

    /** {@code section.field = value} on the example rule is refused with exactly this one error, and nothing is stored. */
    private static void assertRefused(String section, String field, Object value, String errorField, String message) {
        Map<String, Object> body = rule("bad", "*");
        if (section == null) {
            body.put(field, value);
        } else {
            ((Map<String, Object>) body.get(section)).put(field, value);
        }
        assertRefused(body, Api.badField(errorField, message));
    }

    private static void assertRefused(Object body, String expectedProblem) {
        long revision = Rules.revision();
        String reply = asAdmin().body(body).post(BASE).then().statusCode(400).extract().asString();
        assertJson(expectedProblem, reply);
        assertEquals(revision, Rules.revision());
        assertEquals(List.of(), Rules.names());
    }

    @Test
    void effects() {
        assertRefused("processes", "effect", "block", "processes.effect", "must be alert or prevent");
        assertRefused("network", "effect", "ALERT", "network.effect", "must be alert or prevent");
        assertRefused("dns", "effect", "", "dns.effect", "must be alert or prevent");
    }

    @Test
    void portsAndRanges() {
        assertRefused("network", "listeningPorts", List.of("0"), "network.listeningPorts[0]", PORT);
        assertRefused("network", "listeningPorts", List.of("80", "65536"), "network.listeningPorts[1]", PORT);
        assertRefused("network", "outboundPorts", List.of("http"), "network.outboundPorts[0]", PORT);
        assertRefused("network", "outboundPorts", List.of("1-70000"), "network.outboundPorts[0]", PORT);
        assertRefused("network", "outboundPorts", List.of("9000-8000"), "network.outboundPorts[0]",
                "range start must not be above its end");
        Map<String, Object> edges = rule("edges", "*");
        ((Map<String, Object>) edges.get("network")).put("outboundPorts", List.of("1", "65535", "1-65535", "8080-8080"));
        asAdmin().body(edges).post(BASE).then().statusCode(201);
    }

    @Test
    void addressesAndCidrs() {
        assertRefused("network", "outboundIps", List.of("300.1.1.1"), "network.outboundIps[0]", IP);
        assertRefused("network", "outboundIps", List.of("10.0.0.0/33"), "network.outboundIps[0]", IP);
        assertRefused("network", "outboundIps", List.of("2001:db8::/129"), "network.outboundIps[0]", IP);
        assertRefused("network", "outboundIps", List.of("example.com"), "network.outboundIps[0]", IP);
        assertRefused("network", "outboundIps", List.of("01.2.3.4"), "network.outboundIps[0]", IP);
        assertRefused("network", "outboundIps", List.of("2001:db8:::1"), "network.outboundIps[0]", IP);
        // the defender reads ::ffff:a.b.c.d as IPv4 and refuses a whole rule whose mapped prefix leaves that range
        assertRefused("network", "outboundIps", List.of("::ffff:10.0.0.0/95"), "network.outboundIps[0]",
                "an IPv4-mapped address (::ffff:a.b.c.d) takes a prefix of 96-128");
        assertRefused("network", "outboundIps", List.of("::ffff:c000:201/64"), "network.outboundIps[0]",
                "an IPv4-mapped address (::ffff:a.b.c.d) takes a prefix of 96-128");
        Map<String, Object> good = rule("good-ips", "*");
        ((Map<String, Object>) good.get("network")).put("outboundIps",
                List.of("203.0.113.9", "0.0.0.0/0", "2001:db8::1", "::/0", "::ffff:192.0.2.1", "fe80::1/64", "::ffff:10.0.0.0/104"));
        asAdmin().body(good).post(BASE).then().statusCode(201);
    }

    @Test
    void domainPatterns() {
        assertRefused("dns", "denied", List.of("evil..example"), "dns.denied[0]", DOMAIN);
        assertRefused("dns", "denied", List.of("*evil.example"), "dns.denied[0]", DOMAIN);
        assertRefused("dns", "allowed", List.of("-bad.example"), "dns.allowed[0]", DOMAIN);
        assertRefused("dns", "allowed", List.of("a.*.example"), "dns.allowed[0]", DOMAIN);
        assertRefused("dns", "allowed", List.of("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63)),
                "dns.allowed[0]", DOMAIN);
        Map<String, Object> good = rule("good-domains", "*");
        ((Map<String, Object>) good.get("dns")).put("allowed", List.of("example.com", "*.example.com", "xn--bcher-kva.example", "localhost"));
        asAdmin().body(good).post(BASE).then().statusCode(201);
    }

    @Test
    void processEntries() {
        assertRefused("processes", "allowed", List.of(""), "processes.allowed[0]", PROCESS);
        assertRefused("processes", "denied", List.of("nc", "bad\u0000name"), "processes.denied[1]", PROCESS);
        assertRefused("processes", "denied", List.of("bidi\u202Eexe"), "processes.denied[0]", PROCESS);
        assertRefused("processes", "allowed", List.of("/" + "x".repeat(4096)), "processes.allowed[0]", PROCESS);
        assertRefused("processes", "allowed", Collections.singletonList(null), "processes.allowed[0]", "must not be null");
    }

    @Test
    void listSizesAreBounded() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            many.add("proc" + i);
        }
        assertRefused("processes", "allowed", many, "processes.allowed", "size must be between 0 and 256");
        assertRefused("scope", "appIds", List.of(), "scope.appIds", "size must be between 1 and 100");
    }

    @Test
    void nameScopeAndNotes() {
        Map<String, Object> noName = rule("x", "*");
        noName.remove("name");
        assertRefused(noName, Api.badField("name", "must not be null"));
        assertRefused(null, "name", "", "name", "must be 1-200 characters without control characters");
        assertRefused(null, "name", "two\nlines", "name", "must be 1-200 characters without control characters");
        assertRefused(null, "name", "n".repeat(201), "name", "must be 1-200 characters without control characters");
        assertRefused(null, "notes", "bell\u0007", "notes", "must not contain control characters other than newlines and tabs");
        Map<String, Object> noScope = rule("x", "*");
        noScope.remove("scope");
        assertRefused(noScope, Api.badField("scope", "must not be null"));
        assertRefused("scope", "appIds", List.of("bad/app"), "scope.appIds[0]",
                "must be an app id glob: 1-128 letters, digits, . _ : - * ?");
    }

    @Test
    void unknownFieldsWrongTypesAndMalformedJson() {
        assertRefused(null, "owner", "me", "owner", "unknown field");
        assertRefused("processes", "allow", List.of("sh"), "processes.allow", "unknown field");
        assertRefused(null, "disabled", "yes", "disabled", "has the wrong type or format");
        assertRefused("network", "listeningPorts", "5000", "network.listeningPorts", "has the wrong type or format");
        assertRefused("{\"name\":", Api.badField("body", "malformed JSON"));
        assertRefused("[]", Api.badField("body", "the body is not the expected JSON object"));
        long revision = Rules.revision();
        asAdmin().post(BASE).then().statusCode(400);
        assertEquals(revision, Rules.revision());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Map<String, Object> body = rule("", "ok", "bad app");
        ((Map<String, Object>) body.get("processes")).put("effect", "kill");
        ((Map<String, Object>) body.get("network")).put("listeningPorts", List.of("5000", "99999"));
        ((Map<String, Object>) body.get("network")).put("outboundIps", List.of("1.2.3"));
        ((Map<String, Object>) body.get("dns")).put("denied", List.of("ok.example", "bad..example"));
        assertRefused(body, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The request has 6 invalid field(s).\",\"errors\":["
                + "{\"field\":\"dns.denied[1]\",\"message\":\"" + DOMAIN + "\"},"
                + "{\"field\":\"name\",\"message\":\"must be 1-200 characters without control characters\"},"
                + "{\"field\":\"network.listeningPorts[1]\",\"message\":\"" + PORT + "\"},"
                + "{\"field\":\"network.outboundIps[0]\",\"message\":\"" + IP + "\"},"
                + "{\"field\":\"processes.effect\",\"message\":\"must be alert or prevent\"},"
                + "{\"field\":\"scope.appIds[1]\",\"message\":\"must be an app id glob: 1-128 letters, digits, . _ : - * ?\"}]}");
    }

    @Test
    void oversizedBodiesAreRefused() {
        Map<String, Object> body = new LinkedHashMap<>(rule("big", "*"));
        body.put("notes", "n".repeat(300 * 1024));
        long revision = Rules.revision();
        asAdmin().body(body).post(BASE).then().statusCode(413);
        assertEquals(revision, Rules.revision());
    }

    @Test
    void badReplacementsChangeNothing() {
        Map<String, Object> stored = Rules.create(rule("kept", "k-*"));
        Map<String, Object> bad = rule("kept", "k-*");
        ((Map<String, Object>) bad.get("network")).put("outboundPorts", List.of("0"));
        asAdmin().body(bad).put(Rules.path("kept")).then().statusCode(400);
        assertEquals(stored, asAdmin().get(Rules.path("kept")).then().extract().as(Map.class));
    }
}
