package io.ward.attack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every API call needs a valid Ward token with a person's role; defender tokens and bad tokens are refused. */
@QuarkusTest
class AuthTest {

    private static final String SEED = """
            [{"id":"a","process":{"path":"/bin/dash","command":"/bin/sh -c ls"}}]""";

    @ParameterizedTest
    @ValueSource(strings = {"admin", "operator", "auditor"})
    void peopleRolesMayClassifyAndReadTheCatalog(String role) {
        String token = TestTokens.withRole(role);
        classify(given().auth().oauth2(token)).then().statusCode(200).body("[0].attack[0].techniqueId", equalTo("T1059.004"));
        given().auth().oauth2(token).get("/api/v1/attack/catalog").then().statusCode(200);
    }

    @Test
    void defenderTokensAreForbidden() {
        String token = TestTokens.defender();
        classify(given().auth().oauth2(token)).then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("title", equalTo("Forbidden"))
                .body("detail", equalTo("This call needs the admin, operator or auditor role."));
        given().auth().oauth2(token).get("/api/v1/attack/catalog").then().statusCode(403);
    }

    @Test
    void missingTokenIsUnauthorized() {
        classify(given()).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", equalTo("A valid bearer token is required."));
        given().get("/api/v1/attack/catalog").then().statusCode(401);
    }

    @Test
    void expiredForeignOrForgedTokensAreUnauthorized() throws Exception {
        for (String token : new String[] {TestTokens.expired(), TestTokens.wrongIssuer(),
                TestTokens.signedByAnotherKey(), "not-a-jwt"}) {
            classify(given().auth().oauth2(token)).then().statusCode(401).body("status", equalTo(401));
        }
    }

    @Test
    void healthAndOpenApiArePublic() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'attack-rules' }.status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/attack/classify'.post.summary", equalTo("Classify audits into ATT&CK techniques"))
                .body("paths.'/api/v1/attack/catalog'.get.summary", equalTo("List ATT&CK tactics and techniques"));
    }

    @Test
    void metricsNeedATokenAndCountClassifiedAudits() {
        given().get("/q/metrics").then().statusCode(401);
        classify(given().auth().oauth2(TestTokens.auditor())).then().statusCode(200);
        String metrics = given().auth().oauth2(TestTokens.auditor()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.contains("ward_attack_audits_classified_total{outcome=\"mapped\"}"), metrics);
    }

    @Test
    void benchmarkEchoIsOffByDefault() {
        given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body(SEED)
                .post("/api/v1/attack/bench/echo").then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.Response classify(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(SEED).post("/api/v1/attack/classify");
    }
}
