package io.ward.event;

import static io.restassured.RestAssured.given;
import static io.ward.event.Api.as;
import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.ward.http.problems.RawPost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error is problem-details JSON, also those answered before a resource runs: a missing or bad token, too little
 * role, an unknown path, a wrong method, a malformed body and a body over the default 10240K limit.
 */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class ProblemResponsesTest {

    private static final String AUDITS = "/api/v1/audits/app-embedded";
    private static final String DEFENDERS = "/api/v1/defenders";

    /** Status, media type and the whole body (type, title, status, detail and no errors). */
    private static Response assertProblem(Response response, int status, String title, String detail) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertJson("""
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s"}""".formatted(title, status, detail),
                response.asString());
        return response;
    }

    private static void assertUnauthorized(Response response) {
        assertProblem(response, 401, "Unauthorized", "A valid bearer token is required.");
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void aMissingTokenIsAProblemAndKeepsTheBearerChallenge() {
        assertUnauthorized(given().get(DEFENDERS));
        assertUnauthorized(given().contentType("application/json").body("[]").post(AUDITS));
        assertUnauthorized(given().get("/q/metrics"));
        assertUnauthorized(given().get("/api/v1/no-such-thing"));
    }

    @Test
    void anInvalidTokenIsAProblemAndKeepsTheBearerChallenge() {
        // The signature's first character changed: the last one's low bits are padding a decoder may ignore.
        String token0 = Api.adminToken();
        int signature = token0.lastIndexOf('.') + 1;
        String tampered = token0.substring(0, signature) + (token0.charAt(signature) == 'A' ? 'B' : 'A')
                + token0.substring(signature + 1);
        for (String token : new String[] {"not.a.jwt", tampered}) {
            assertUnauthorized(as(token).get(DEFENDERS));
            assertUnauthorized(as(token).get("/q/metrics"));
        }
    }

    @Test
    void tooLittleRoleIsAProblem() {
        assertProblem(as(Api.defenderToken(Api.newAppId("problem"))).get(DEFENDERS), 403, "Forbidden",
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
        assertProblem(asAdmin().delete(DEFENDERS), 405, "Method Not Allowed", "HTTP 405 Method Not Allowed");
    }

    @Test
    void aMalformedBodyIsAProblemNamingTheField() {
        assertBadField(asAdmin().body("nope").post(AUDITS), "body", "malformed JSON");
        // Broken or cut short inside the first audit: Jackson reports it as that element's mapping failure.
        assertBadField(asAdmin().body("[{\"id\": nope}]").post(AUDITS), "[0]", "has the wrong type or format");
        assertBadField(asAdmin().body("[{\"id\":").post(AUDITS), "[0]", "has the wrong type or format");
    }

    private static void assertBadField(Response response, String field, String message) {
        response.then().statusCode(400).contentType("application/problem+json");
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"%1$s","message":"%2$s"}]}""".formatted(field, message), response.asString());
    }

    /**
     * Declares an 11 MB body and sends none of it: the limit is judged on Content-Length alone, and the 413 comes
     * before any body is read. (A client pushing the whole body first may instead see the connection closed under it.)
     */
    @Test
    void aBodyOverTheLimitIsAProblem() throws Exception {
        RawPost.Reply reply = RawPost.declaring(RestAssured.port, AUDITS, Api.adminToken(), 11 * 1024 * 1024);
        assertTrue(reply.head().startsWith("HTTP/1.1 413 "), reply.head());
        assertTrue(reply.head().toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply.head());
        assertJson("""
                {"type":"about:blank","title":"Content Too Large","status":413,
                 "detail":"The request body is larger than 10485760 bytes."}""", reply.body());
    }

    /**
     * A chunked body declares no length: the limit is found only while it is read. Its 413 is the same problem, and
     * the connection is closed with the rest of the body unread. The body is a valid batch after 11 MB of whitespace,
     * so that reading past the limit would store its audit.
     */
    @Test
    void aChunkedBodyOverTheLimitIsAProblemAndStoresNothing() throws Exception {
        String app = Api.newAppId("chunked-too-large");
        RawPost.Reply reply =
                RawPost.chunked(RestAssured.port, AUDITS, Api.adminToken(), batch(app, 11 * 1024 * 1024));
        assertTrue(reply.head().startsWith("HTTP/1.1 413 "), reply.head());
        assertTrue(reply.head().toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply.head());
        assertJson("""
                {"type":"about:blank","title":"Content Too Large","status":413,
                 "detail":"The request body is larger than 10485760 bytes."}""", reply.body());
        assertTrue(reply.closed(), "the connection is closed after the 413");
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(AUDITS + "/count").then().statusCode(200)
                .extract().asString());
    }

    /** A chunked body under the limit, large or small, is read and stored as before. */
    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int padding : new int[] {0, 9 * 1024 * 1024}) {
            String app = Api.newAppId("chunked");
            byte[] body = batch(app, padding);
            // A body publisher without a length is sent chunked.
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + AUDITS))
                    .header("Authorization", "Bearer " + Api.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertJson("{\"accepted\":1,\"duplicates\":0}", response.body());
            assertJson("{\"count\":1}", asAdmin().queryParam("appId", app).get(AUDITS + "/count").then()
                    .statusCode(200).extract().asString());
        }
    }

    /** A batch of one audit of {@code app} as JSON, after {@code padding} spaces (whitespace JSON ignores). */
    private static byte[] batch(String app, int padding) throws IOException {
        String audits = Api.JSON.writeValueAsString(List.of(processAudit(app, Api.now().minusSeconds(10), "ls")));
        return (" ".repeat(padding) + audits).getBytes(StandardCharsets.UTF_8);
    }
}
