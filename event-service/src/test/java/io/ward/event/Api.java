package io.ward.event;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers that talk to event-service the way clients do: tokens, audits in the contract's shape, JSON trees. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Api() {
    }

    public static String adminToken() {
        return sign("admin", "admin", null);
    }

    public static String auditorToken() {
        return sign("auditor-1", "auditor", null);
    }

    public static String defenderToken(String appId) {
        return sign("defender:" + UUID.randomUUID(), "defender", appId);
    }

    private static String sign(String subject, String role, String appId) {
        try {
            String key = Files.readString(Path.of(ConfigProvider.getConfig().getValue("ward-test.signing-key", String.class)));
            var builder = Jwt.issuer("ward").subject(subject).upn(subject).groups(Set.of(role)).expiresIn(600);
            if (appId != null) {
                builder.claim("appId", appId);
            }
            return builder.jws().sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }

    /** A fresh app id, so each test sees only its own audits. */
    public static String newAppId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Now, at the database's precision (microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The seed's audit: the web app running {@code /bin/sh -c <cmd>}, in the contract's shape. */
    public static Map<String, Object> processAudit(String appId, Instant time, String command) {
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
        audit.put("time", time.toString());
        audit.put("appId", appId);
        audit.put("instanceId", appId + ":fee8ca99-bbe5-4c1e-9a0e-0d1c2b3a4f5e");
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

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Asserts two JSON documents are equal as trees (field order and whitespace ignored). */
    public static void assertJson(Object expected, String actual) {
        JsonNode want = expected instanceof String s ? tree(s) : tree(expected);
        org.junit.jupiter.api.Assertions.assertEquals(want, tree(actual), actual);
    }
}
