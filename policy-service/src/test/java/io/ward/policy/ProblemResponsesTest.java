package io.ward.policy;

import static io.restassured.RestAssured.given;
import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error is problem-details JSON, also those answered before a resource runs: a missing or bad token, too little
 * role, an unknown path, a wrong method, a malformed body and a body over the 256K limit.
 */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class ProblemResponsesTest {

    private static final String USERS = "/api/v1/auth/users";
    private static final String NO_TOKEN = "A valid bearer token is required.";

    /** Status, media type and the whole body (type, title, status, detail and no errors). */
    private static Response assertProblem(Response response, int status, String title, String detail) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertJson(Api.problem(status, title, detail), response.asString());
        return response;
    }

    @Test
    void aMissingTokenIsAProblemAndKeepsTheBearerChallenge() {
        Response response = assertProblem(given().get(USERS), 401, "Unauthorized", NO_TOKEN);
        assertEquals("Bearer", response.header("WWW-Authenticate"));
        assertProblem(given().get("/q/metrics"), 401, "Unauthorized", NO_TOKEN);
        assertProblem(given().get("/api/v1/no-such-thing"), 401, "Unauthorized", NO_TOKEN);
    }

    @Test
    void anInvalidTokenIsAProblemAndKeepsTheBearerChallenge() {
        String tampered = Api.adminToken();
        tampered = tampered.substring(0, tampered.length() - 4) + (tampered.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String token : new String[] {"not.a.jwt", tampered}) {
            for (String path : new String[] {USERS, "/q/metrics"}) {
                Response response = assertProblem(Api.as(token).get(path), 401, "Unauthorized", NO_TOKEN);
                assertEquals("Bearer", response.header("WWW-Authenticate"));
            }
        }
    }

    @Test
    void tooLittleRoleIsAProblem() {
        assertProblem(Api.as(Api.tokenFor("auditor")).get(USERS), 403, "Forbidden",
                "Your role does not allow this operation.");
    }

    @Test
    void anUnknownPathIsAProblem() {
        for (String path : new String[] {"/api/v1/no-such-thing", "/no-such-thing", "/q/no-such-thing"}) {
            assertProblem(asAdmin().get(path), 404, "Not Found", "HTTP 404 Not Found");
        }
    }

    @Test
    void aWrongMethodIsAProblem() {
        assertProblem(asAdmin().delete(USERS), 405, "Method Not Allowed", "HTTP 405 Method Not Allowed");
    }

    @Test
    void aMalformedBodyIsAProblemNamingTheBody() {
        Response response = asAdmin().body("{\"name\":").post(Rules.BASE);
        response.then().statusCode(400).contentType("application/problem+json");
        assertJson(Api.badField("body", "malformed JSON"), response.asString());
    }

    @Test
    void aBodyOverTheLimitIsAProblem() {
        Map<String, Object> body = new LinkedHashMap<>(Rules.rule("big", "*"));
        body.put("notes", "n".repeat(300 * 1024));
        assertProblem(asAdmin().body(body).post(Rules.BASE), 413, "Content Too Large",
                "The request body is larger than 262144 bytes.");
    }
}
