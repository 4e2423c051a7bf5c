package io.ward.policy;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Test helpers that talk to the running service the way clients do: real logins, real tokens. */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    public static final String USER_PASSWORD = "a long test passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String adminToken;

    private Api() {
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .extract().path("token");
    }

    public static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    public static RequestSpecification as(String token) {
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }

    /** Creates a user with a fresh name in {@code role} and returns that name. */
    public static String createUser(String role) {
        String username = role + "-" + UUID.randomUUID(); // whole: 8 hex digits can collide with a user of an earlier run in a shared database
        asAdmin().body(Map.of("username", username, "password", USER_PASSWORD, "role", role))
                .post("/api/v1/auth/users").then().statusCode(201);
        return username;
    }

    /** A token for a fresh user holding {@code role}. */
    public static String tokenFor(String role) {
        return login(createUser(role), USER_PASSWORD);
    }

    /** Mints an install token for {@code appId} and returns the {@code wdt_…} secret. */
    public static String installToken(String appId) {
        return asAdmin().body(Map.of("appId", appId)).post("/api/v1/defenders/install-tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** Creates an access key in {@code role} and returns its id and secret. */
    public static Map<String, String> accessKey(String role) {
        Map<String, Object> key = asAdmin().body(Map.of("role", role, "description", "test key"))
                .post("/api/v1/auth/access-keys").then().statusCode(201).extract().as(Map.class);
        return Map.of("accessKeyId", (String) key.get("id"), "secret", (String) key.get("secret"));
    }

    /** Asks for a token with {@code credentials} the way the front door passes on a request from {@code forwardedFor}. */
    public static Response tokenRequest(String forwardedFor, Map<String, ?> credentials) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor).body(credentials)
                .post("/api/v1/auth/token");
    }

    public static String defenderToken(String installToken) {
        return given().contentType(ContentType.JSON).body(Map.of("installToken", installToken))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("token");
    }

    /** Asserts two JSON documents are equal as trees (field order and whitespace ignored). */
    public static void assertJson(String expected, String actual) {
        try {
            org.junit.jupiter.api.Assertions.assertEquals(JSON.readTree(expected), JSON.readTree(actual), actual);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + actual, e);
        }
    }

    /** The problem-details body the service sends for one bad field. */
    public static String badField(String field, String message) {
        return "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The request has 1 invalid field(s).\",\"errors\":[{\"field\":\"" + field
                + "\",\"message\":\"" + message + "\"}]}";
    }

    public static String problem(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }

    /** A wrong secret: {@code hex} with its first digit changed (to 1 if it was 0, else to 0, so it always differs). */
    public static String otherHex(String hex) {
        return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
    }

    /**
     * {@code token} with the first character of its signature changed. Not the last: its low bits are padding that
     * a decoder may ignore, so a changed last character can still decode to the same signature.
     */
    public static String tampered(String token) {
        int signature = token.lastIndexOf('.') + 1;
        return token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }

    public static JsonNode jwtPart(String token, int part) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token.split("\\.")[part]);
            return JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
