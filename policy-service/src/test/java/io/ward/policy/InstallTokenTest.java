package io.ward.policy;

import static io.restassured.RestAssured.given;
import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Api.badField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ward.localpg.LocalPostgresTestResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defender install tokens: minted per app, exchanged for a 45 s defender JWT, listed without secrets, revoked. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class InstallTokenTest {

    @Test
    void operatorMintsATokenTheDefenderExchangesUntilItIsRevoked() {
        String operatorName = Api.createUser("operator");
        String operator = Api.login(operatorName, Api.USER_PASSWORD);
        Map<String, Object> created = Api.as(operator).body(Map.of("appId", "webadmin-aci"))
                .post("/api/v1/defenders/install-tokens").then().statusCode(201).extract().as(Map.class);
        String id = (String) created.get("id");
        String token = (String) created.get("token");
        assertTrue(token.matches("wdt_" + id + "_[0-9a-f]{64}"), token);
        assertEquals(Map.of("id", id, "appId", "webadmin-aci", "token", token, "createdAt", created.get("createdAt")), created);

        List<Map<String, Object>> listed = Api.as(operator).get("/api/v1/defenders/install-tokens").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.id == '" + id + "' }");
        assertEquals(List.of(Map.of("id", id, "appId", "webadmin-aci", "createdBy", operatorName,
                "createdAt", created.get("createdAt"))), listed);

        Instant before = Instant.now();
        Map<String, Object> exchanged = given().contentType(ContentType.JSON).body(Map.of("installToken", token))
                .post("/api/v1/auth/token").then().statusCode(200).extract().as(Map.class);
        JsonNode claims = Api.jwtPart((String) exchanged.get("token"), 1);
        assertEquals("defender:" + id, claims.get("sub").asText());
        assertEquals("defender:" + id, claims.get("upn").asText());
        assertEquals("[\"defender\"]", claims.get("groups").toString());
        assertEquals("webadmin-aci", claims.get("appId").asText());
        long lifetime = claims.get("exp").asLong() - before.getEpochSecond();
        assertTrue(lifetime >= 44 && lifetime <= 46, "lifetime " + lifetime);

        Api.as(operator).delete("/api/v1/defenders/install-tokens/" + id).then().statusCode(204);
        assertJson(Api.problem(401, "Unauthorized", "Invalid credentials."),
                given().contentType(ContentType.JSON).body(Map.of("installToken", token))
                        .post("/api/v1/auth/token").then().statusCode(401).extract().asString());
        assertEquals(List.of(), Api.as(operator).get("/api/v1/defenders/install-tokens").then()
                .extract().jsonPath().getList("findAll { it.id == '" + id + "' }"));
        Api.as(operator).delete("/api/v1/defenders/install-tokens/" + id).then().statusCode(404);
    }

    @Test
    void malformedOrForgedInstallTokensAreRefused() {
        String token = Api.installToken("app-forge");
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        for (String bad : List.of(forged, "wdt_nothex_xyz", "garbage")) {
            given().contentType(ContentType.JSON).body(Map.of("installToken", bad))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
    }

    @Test
    void appIdIsValidated() {
        assertJson(badField("appId", "must be 1-128 letters, digits or . _ : - starting with a letter or digit"),
                Api.asAdmin().body(Map.of("appId", "bad app/id")).post("/api/v1/defenders/install-tokens")
                        .then().statusCode(400).extract().asString());
        assertJson(badField("appId", "must not be null"),
                Api.asAdmin().body(Map.of()).post("/api/v1/defenders/install-tokens")
                        .then().statusCode(400).extract().asString());
    }

    @Test
    void defenderTokensCannotManageInstallTokens() {
        String defender = Api.defenderToken(Api.installToken("app-self"));
        Api.as(defender).get("/api/v1/defenders/install-tokens").then().statusCode(403);
        Api.as(defender).body(Map.of("appId", "app-self")).post("/api/v1/defenders/install-tokens").then().statusCode(403);
    }
}
