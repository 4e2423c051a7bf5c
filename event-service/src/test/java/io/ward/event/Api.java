package io.ward.event;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.ward.http.problems.DefenderDocuments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Supplier;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers that talk to event-service the way clients do: tokens, audits in the contract's shape, JSON trees. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Api() {
    }

    private static final String PASSWORD = "event-service test passphrase";
    private static final Map<String, String> TOKENS = new HashMap<>();

    /** A token of policy-service's first admin (logged in once per test run). */
    public static String adminToken() {
        return cached("admin", () -> login("admin", config("ward-test.admin-password")));
    }

    /** A token of a user holding the auditor role (created once per test run). */
    public static String auditorToken() {
        return cached("auditor", () -> {
            String name = "auditor-" + UUID.randomUUID(); // whole: 8 hex digits can collide in a shared database
            policy(adminToken()).body(Map.of("username", name, "password", PASSWORD, "role", "auditor"))
                    .post("/api/v1/auth/users").then().statusCode(201);
            return login(name, PASSWORD);
        });
    }

    /**
     * A defender token for {@code appId} the way a defender gets one: an install token minted by the admin,
     * exchanged at policy-service for a short-lived JWT carrying the appId claim.
     */
    public static String defenderToken(String appId) {
        String installToken = policy(adminToken()).body(Map.of("appId", appId))
                .post("/api/v1/defenders/install-tokens").then().statusCode(201).extract().path("token");
        return given().baseUri(config("ward-test.policy-url")).contentType(ContentType.JSON)
                .body(Map.of("installToken", installToken)).post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("token");
    }

    /** People's tokens live an hour, longer than a test run; logging in once also spares the login throttle. */
    private static synchronized String cached(String key, Supplier<String> login) {
        String token = TOKENS.get(key);
        if (token == null) {
            token = login.get();
            TOKENS.put(key, token);
        }
        return token;
    }

    private static String login(String username, String password) {
        return given().baseUri(config("ward-test.policy-url")).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("token");
    }

    /** A request to policy-service with {@code token}. */
    private static RequestSpecification policy(String token) {
        return given().baseUri(config("ward-test.policy-url")).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }

    /** A fresh app id, so each test sees only its own audits. */
    public static String newAppId(String prefix) {
        return prefix + "-" + UUID.randomUUID(); // whole: 8 hex digits can collide with an earlier run's app id
    }

    /** Now, at the database's precision (microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The seed's audit: the web app running {@code /bin/sh -c <cmd>}, in the contract's shape, of one instance. */
    public static Map<String, Object> processAudit(String appId, Instant time, String command) {
        Map<String, Object> audit = DefenderDocuments.processAudit(appId, time.toString(), command);
        audit.put("instanceId", appId + ":fee8ca99-bbe5-4c1e-9a0e-0d1c2b3a4f5e");
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
