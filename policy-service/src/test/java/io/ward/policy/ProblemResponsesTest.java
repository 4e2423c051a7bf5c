package io.ward.policy;

import static io.restassured.RestAssured.given;
import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.ward.http.problems.RawPost;
import io.ward.localpg.LocalPostgresTestResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
        String tampered = Api.tampered(Api.adminToken());
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

    /**
     * A chunked body declares no length: the limit is found only while it is read. Its 413 is the same problem, and
     * the connection is closed with the rest of the body unread. The body is a valid rule after 300K of whitespace,
     * so that reading past the limit would store it.
     */
    @Test
    void aChunkedBodyOverTheLimitIsAProblemAndStoresNothing() throws Exception {
        long revision = Rules.revision();
        Map<String, Object> rule = Rules.rule("chunked-too-large", "*");
        RawPost.Reply reply =
                RawPost.chunked(RestAssured.port, Rules.BASE, Api.adminToken(), padded(rule, 300 * 1024));
        assertTrue(reply.head().startsWith("HTTP/1.1 413 "), reply.head());
        assertTrue(reply.head().toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply.head());
        assertJson(Api.problem(413, "Content Too Large", "The request body is larger than 262144 bytes."),
                reply.body());
        assertTrue(reply.closed(), "the connection is closed after the 413");
        assertFalse(Rules.names().contains("chunked-too-large"));
        assertEquals(revision, Rules.revision());
    }

    /** A chunked body under the limit, large or small, is read and stored as before. */
    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int padding : new int[] {0, 250 * 1024}) {
            String name = "chunked-" + padding;
            byte[] body = padded(Rules.rule(name, "*"), padding);
            // A body publisher without a length is sent chunked.
            URI uri = URI.create("http://localhost:" + RestAssured.port + Rules.BASE);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + Api.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            assertTrue(Rules.names().contains(name));
            asAdmin().delete(Rules.path(name)).then().statusCode(204);
        }
    }

    /** {@code rule} as JSON after {@code padding} spaces (whitespace JSON ignores). */
    private static byte[] padded(Map<String, Object> rule, int padding) throws IOException {
        return (" ".repeat(padding) + new ObjectMapper().writeValueAsString(rule)).getBytes(StandardCharsets.UTF_8);
    }
}
