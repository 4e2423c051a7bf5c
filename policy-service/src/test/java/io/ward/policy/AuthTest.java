package io.ward.policy;

import static io.restassured.RestAssured.given;
import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Api.badField;
import static io.ward.policy.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ward.localpg.LocalPostgresTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token issuing, JWKS, login throttling and 401/403 on the admin-only endpoints. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class AuthTest {

    private static final String INVALID = problem(401, "Unauthorized", "Invalid credentials.");

    @Test
    void adminPasswordGivesAnRs256TokenSignedWithThePublishedKey() {
        Instant before = Instant.now();
        Map<String, Object> reply = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().as(Map.class);
        assertEquals(2, reply.size(), reply.toString());
        String token = (String) reply.get("token");
        Instant expiresAt = Instant.parse((String) reply.get("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofHours(1)).minusSeconds(1))
                && !expiresAt.isAfter(Instant.now().plus(Duration.ofHours(1))), expiresAt.toString());

        JsonNode header = Api.jwtPart(token, 0);
        JsonNode claims = Api.jwtPart(token, 1);
        assertEquals("RS256", header.get("alg").asText());
        String kid = given().get("/api/v1/auth/jwks").then().statusCode(200).extract().path("keys[0].kid");
        assertEquals(kid, header.get("kid").asText());
        assertEquals("ward", claims.get("iss").asText());
        assertEquals("admin", claims.get("sub").asText());
        assertEquals("admin", claims.get("upn").asText());
        assertEquals("[\"admin\"]", claims.get("groups").toString());
        assertEquals(expiresAt.getEpochSecond(), claims.get("exp").asLong());
        assertTrue(claims.hasNonNull("iat") && claims.hasNonNull("jti"));
        assertFalse(claims.has("appId"));
    }

    @Test
    void jwksPublishesOnlyThePublicKey() {
        Map<String, Object> jwks = given().get("/api/v1/auth/jwks").then().statusCode(200).extract().as(Map.class);
        Map<String, Object> key = (Map<String, Object>) ((java.util.List<?>) jwks.get("keys")).get(0);
        assertEquals(java.util.Set.of("kty", "kid", "use", "alg", "n", "e"), key.keySet());
        assertEquals("RSA", key.get("kty"));
        assertEquals("sig", key.get("use"));
        assertEquals("RS256", key.get("alg"));
        assertEquals("AQAB", key.get("e"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String wrong = given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "nope nope nope"))
                .post("/api/v1/auth/token").then().statusCode(401).extract().asString();
        assertJson(INVALID, wrong);
        String unknown = given().contentType(ContentType.JSON).body(Map.of("username", "nobody", "password", "nope"))
                .post("/api/v1/auth/token").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer") // every 401 carries a challenge (RFC 9110)
                .extract().asString();
        assertJson(INVALID, unknown);
    }

    @Test
    void repeatedFailuresLockTheUsernameEvenForTheRightPassword() {
        String username = Api.createUser("auditor");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong guess " + i))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
        io.restassured.response.Response locked = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", Api.USER_PASSWORD)).post("/api/v1/auth/token");
        int retryAfter = Integer.parseInt(locked.header("Retry-After"));
        assertTrue(retryAfter > 240 && retryAfter <= 300, "Retry-After " + retryAfter);
        String body = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", Api.USER_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(429).extract().asString();
        assertJson(problem(429, "Too Many Requests", "Too many failed logins; try again later."), body);
        Api.login("admin", Api.ADMIN_PASSWORD); // other names are not affected
    }

    @Test
    void tokenRequestMustCarryExactlyOneCompleteCredential() {
        String both = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "x", "installToken", "wdt_x"))
                .post("/api/v1/auth/token").then().statusCode(400).extract().asString();
        assertJson(badField("body", "give exactly one of username+password, accessKeyId+secret or installToken"), both);
        String half = given().contentType(ContentType.JSON).body(Map.of("username", "admin"))
                .post("/api/v1/auth/token").then().statusCode(400).extract().asString();
        assertJson(badField("password", "must not be null"), half);
        String unknown = given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "x", "otp", "1"))
                .post("/api/v1/auth/token").then().statusCode(400).extract().asString();
        assertJson(badField("otp", "unknown field"), unknown);
    }

    @Test
    void protectedEndpointsNeedAValidTokenAndTheRightRole() {
        given().get("/api/v1/auth/users").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/auth/users").then().statusCode(401);
        String tampered = Api.tampered(Api.adminToken());
        Api.as(tampered).get("/api/v1/auth/users").then().statusCode(401);

        String operator = Api.tokenFor("operator");
        String auditor = Api.tokenFor("auditor");
        assertJson(problem(403, "Forbidden", "Your role does not allow this operation."),
                Api.as(auditor).get("/api/v1/auth/users").then().statusCode(403).extract().asString());
        Api.as(operator).get("/api/v1/auth/access-keys").then().statusCode(403);
        Api.as(auditor).body(Map.of("appId", "app")).post("/api/v1/defenders/install-tokens").then().statusCode(403);
        Api.as(auditor).get("/api/v1/defenders/install-tokens").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void userCrudRoundTrip() {
        String created = asAdmin().body(Map.of("username", "carol", "password", Api.USER_PASSWORD, "role", "operator"))
                .post("/api/v1/auth/users").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/auth/users/carol")).extract().asString();
        Map<String, Object> user = asAdmin().get("/api/v1/auth/users/carol").then().statusCode(200).extract().as(Map.class);
        assertJson(created, asAdmin().get("/api/v1/auth/users/carol").then().extract().asString());
        assertEquals(Map.of("username", "carol", "role", "operator", "createdAt", user.get("createdAt"),
                "updatedAt", user.get("createdAt")), user);
        assertEquals("operator", Api.jwtPart(Api.login("carol", Api.USER_PASSWORD), 1).get("groups").get(0).asText());

        asAdmin().body(Map.of("role", "auditor")).put("/api/v1/auth/users/carol").then().statusCode(200)
                .body("role", org.hamcrest.Matchers.equalTo("auditor"));
        assertEquals("auditor", Api.jwtPart(Api.login("carol", Api.USER_PASSWORD), 1).get("groups").get(0).asText());

        assertJson(problem(409, "Conflict", "User carol already exists.").replace("}",
                        ",\"errors\":[{\"field\":\"username\",\"message\":\"already exists\"}]}"),
                asAdmin().body(Map.of("username", "carol", "password", Api.USER_PASSWORD, "role", "operator"))
                        .post("/api/v1/auth/users").then().statusCode(409).extract().asString());

        asAdmin().delete("/api/v1/auth/users/carol").then().statusCode(204);
        assertJson(problem(404, "Not Found", "No user carol."),
                asAdmin().get("/api/v1/auth/users/carol").then().statusCode(404).extract().asString());
        given().contentType(ContentType.JSON).body(Map.of("username", "carol", "password", Api.USER_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void invalidUserNamesEveryBadField() {
        String body = asAdmin().body(Map.of("username", "-bad name", "password", "short", "role", "root"))
                .post("/api/v1/auth/users").then().statusCode(400).extract().asString();
        assertJson("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The request has 3 invalid field(s).\",\"errors\":["
                + "{\"field\":\"password\",\"message\":\"size must be between 12 and 256\"},"
                + "{\"field\":\"role\",\"message\":\"must be one of admin, operator, auditor\"},"
                + "{\"field\":\"username\",\"message\":\"must be 1-64 letters, digits or . _ @ - starting with a letter or digit\"}]}",
                body);
    }

    @Test
    void theLastAdminCannotBeDeletedOrDemoted() {
        asAdmin().delete("/api/v1/auth/users/admin").then().statusCode(409);
        asAdmin().body(Map.of("role", "auditor")).put("/api/v1/auth/users/admin").then().statusCode(409);
        Api.login("admin", Api.ADMIN_PASSWORD);
    }

    @Test
    void accessKeyIsExchangedForATokenUntilDeleted() {
        Map<String, Object> key = asAdmin().body(Map.of("role", "auditor", "description", "event-service"))
                .post("/api/v1/auth/access-keys").then().statusCode(201).extract().as(Map.class);
        String id = (String) key.get("id");
        String secret = (String) key.get("secret");
        assertTrue(id.matches("wak_[0-9a-f]{16}") && secret.matches("[0-9a-f]{64}"), key.toString());
        assertEquals(Map.of("id", id, "secret", secret, "role", "auditor", "description", "event-service",
                "createdBy", "admin", "createdAt", key.get("createdAt")), key);

        java.util.List<Map<String, Object>> listed = asAdmin().get("/api/v1/auth/access-keys").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.id == '" + id + "' }");
        assertEquals(java.util.List.of(Map.of("id", id, "role", "auditor", "description", "event-service",
                "createdBy", "admin", "createdAt", key.get("createdAt"))), listed);

        for (int i = 0; i < 2; i++) { // the second exchange goes through the fast path
            String token = given().contentType(ContentType.JSON).body(Map.of("accessKeyId", id, "secret", secret))
                    .post("/api/v1/auth/token").then().statusCode(200).extract().path("token");
            JsonNode claims = Api.jwtPart(token, 1);
            assertEquals(id, claims.get("sub").asText());
            assertEquals("[\"auditor\"]", claims.get("groups").toString());
        }
        assertJson(INVALID, given().contentType(ContentType.JSON).body(Map.of("accessKeyId", id, "secret", Api.otherHex(secret)))
                .post("/api/v1/auth/token").then().statusCode(401).extract().asString());

        asAdmin().delete("/api/v1/auth/access-keys/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("accessKeyId", id, "secret", secret))
                .post("/api/v1/auth/token").then().statusCode(401);
        asAdmin().delete("/api/v1/auth/access-keys/" + id).then().statusCode(404);
    }
}
