package io.ward.policy;

import static io.ward.policy.Api.asAdmin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rule bodies and rule-set housekeeping for the runtime-rule tests. */
public final class Rules {

    public static final String BASE = "/api/v1/policies/runtime/app-embedded";

    private Rules() {
    }

    /** The contract's example rule, with the given name and scope. */
    public static Map<String, Object> rule(String name, String... appIds) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", name);
        rule.put("notes", "");
        rule.put("disabled", false);
        rule.put("scope", new LinkedHashMap<>(Map.of("appIds", List.of(appIds))));
        rule.put("processes", new LinkedHashMap<>(Map.of("enabled", true,
                "allowed", List.of("python", "python3", "/usr/local/bin/python3.9", "/usr/src/app/app.py"),
                "denied", List.of(), "effect", "alert", "cryptoMiners", true, "modifiedBinaries", true)));
        rule.put("network", new LinkedHashMap<>(Map.of("enabled", true, "listeningPorts", List.of("5000"),
                "outboundPorts", List.of("443", "8000-8080"), "outboundIps", List.of("10.0.0.0/8", "2001:db8::/32"),
                "effect", "alert")));
        rule.put("dns", new LinkedHashMap<>(Map.of("enabled", true, "allowed", List.of("*.example.com"),
                "denied", List.of("evil.example"), "effect", "prevent")));
        return rule;
    }

    /** Creates the rule and returns the stored body. */
    public static Map<String, Object> create(Map<String, Object> rule) {
        return asAdmin().body(rule).post(BASE).then().statusCode(201).extract().as(Map.class);
    }

    public static String path(String name) {
        return BASE + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static long revision() {
        return ((Number) asAdmin().get(BASE).then().statusCode(200).extract().path("revision")).longValue();
    }

    public static List<String> names() {
        return asAdmin().get(BASE).then().statusCode(200).extract().path("rules.name");
    }

    /** Deletes every rule, so a test sees only its own. */
    public static void deleteAll() {
        for (String name : names()) {
            asAdmin().delete(path(name)).then().statusCode(204);
        }
    }

    /** {@code stored} is {@code sent} plus revision, modified and modifiedBy. */
    public static Map<String, Object> stored(Map<String, Object> sent, Map<String, Object> reply, String by) {
        Map<String, Object> expected = new LinkedHashMap<>(sent);
        expected.put("revision", reply.get("revision"));
        expected.put("modified", reply.get("modified"));
        expected.put("modifiedBy", by);
        return expected;
    }
}
