package io.ward.policy;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
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
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
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
        return "{\"type\":\"urn:ward:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The request has 1 invalid field(s).\",\"errors\":[{\"field\":\"" + field
                + "\",\"message\":\"" + message + "\"}]}";
    }

    public static String problem(int status, String title, String detail) {
        return "{\"type\":\"urn:ward:problem:" + title.toLowerCase().replace(' ', '-') + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
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
