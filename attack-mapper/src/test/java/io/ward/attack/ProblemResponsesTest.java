package io.ward.attack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ward.http.problems.RawPost;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every error is problem-details JSON, also those answered before a resource runs: a missing or bad token (on the API
 * and on /q/metrics), too little role, an unknown path, a wrong method, a malformed body and a body over the
 * default 10240K limit.
 */
@QuarkusTest
class ProblemResponsesTest {

    private static final String CLASSIFY = "/api/v1/attack/classify";
    private static final String NO_TOKEN = "A valid bearer token is required.";
    private static final String SEED = """
            [{"id":"a","process":{"path":"/bin/dash","command":"/bin/sh -c ls"}}]""";

    /** Status, media type and the whole body (type, title, status, detail and no errors). */
    private static Response assertProblem(Response response, int status, String title, String detail) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s"}""".formatted(title, status, detail)),
                Json.parse(response.asString()));
        return response;
    }

    private static void assertUnauthorized(Response response) {
        assertProblem(response, 401, "Unauthorized", NO_TOKEN);
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void aMissingTokenIsAProblemAndKeepsTheBearerChallenge() {
        assertUnauthorized(given().contentType(ContentType.JSON).body("[]").post(CLASSIFY));
        assertUnauthorized(given().get("/q/metrics"));
    }

    @Test
    void anInvalidTokenIsAProblemAndKeepsTheBearerChallenge() throws Exception {
        for (String token : new String[] {"not-a-jwt", TestTokens.expired(), TestTokens.signedByAnotherKey()}) {
            assertUnauthorized(given().auth().oauth2(token).contentType(ContentType.JSON).body("[]").post(CLASSIFY));
            assertUnauthorized(given().auth().oauth2(token).get("/q/metrics"));
        }
    }

    @Test
    void tooLittleRoleIsAProblem() {
        assertProblem(given().auth().oauth2(TestTokens.defender()).get("/api/v1/attack/catalog"), 403, "Forbidden",
                "This call needs the admin, operator or auditor role.");
    }

    @Test
    void anUnknownPathIsAProblem() {
        for (String path : new String[] {"/api/v1/attack/no-such-thing", "/no-such-thing", "/q/no-such-thing"}) {
            assertProblem(given().auth().oauth2(TestTokens.auditor()).get(path), 404, "Not Found", "HTTP 404 Not Found");
        }
    }

    @Test
    void aWrongMethodIsAProblem() {
        assertProblem(given().auth().oauth2(TestTokens.auditor()).get(CLASSIFY), 405, "Method Not Allowed",
                "HTTP 405 Method Not Allowed");
    }

    @Test
    void aTruncatedBodyIsAProblemNamingTheElement() {
        Response response = given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body("[{\"id\":")
                .post(CLASSIFY);
        response.then().statusCode(400).contentType("application/problem+json");
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"[0]","message":"has the wrong type or format"}]}"""),
                Json.parse(response.asString()));
    }

    /**
     * Declares an 11 MB body and sends none of it: the limit is judged on Content-Length alone, and the 413 comes
     * before any body is read. (A client pushing the whole body first may instead see the connection closed under it.)
     */
    @Test
    void aBodyOverTheLimitIsAProblem() throws Exception {
        RawPost.Reply reply = RawPost.declaring(RestAssured.port, CLASSIFY, TestTokens.auditor(), 11 * 1024 * 1024);
        assertTrue(reply.head().startsWith("HTTP/1.1 413 "), reply.head());
        assertTrue(reply.head().toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply.head());
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"Content Too Large","status":413,
                 "detail":"The request body is larger than 10485760 bytes."}"""), Json.parse(reply.body()));
    }

    /**
     * A chunked body declares no length: the limit is found only while it is read. Its 413 is the same problem, and
     * the connection is closed with the rest of the body unread. The body is a valid batch after 11 MB of whitespace,
     * so that reading past the limit would classify it (and count it in the metrics).
     */
    @Test
    void aChunkedBodyOverTheLimitIsAProblemAndClassifiesNothing() throws Exception {
        double classified = classifiedCount();
        RawPost.Reply reply =
                RawPost.chunked(RestAssured.port, CLASSIFY, TestTokens.auditor(), padded(SEED, 11 * 1024 * 1024));
        assertTrue(reply.head().startsWith("HTTP/1.1 413 "), reply.head());
        assertTrue(reply.head().toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply.head());
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"Content Too Large","status":413,
                 "detail":"The request body is larger than 10485760 bytes."}"""), Json.parse(reply.body()));
        assertTrue(reply.closed(), "the connection is closed after the 413");
        assertEquals(classified, classifiedCount());
    }

    /** A chunked body under the limit, large or small, is classified as the same body with a Content-Length is. */
    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() throws Exception {
        String expected = given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body(SEED)
                .post(CLASSIFY).then().statusCode(200).body("[0].attack[0].techniqueId", equalTo("T1059.004"))
                .extract().asString();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int padding : new int[] {0, 9 * 1024 * 1024}) {
            byte[] body = padded(SEED, padding);
            // A body publisher without a length is sent chunked.
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + CLASSIFY))
                    .header("Authorization", "Bearer " + TestTokens.auditor())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(Json.parse(expected), Json.parse(response.body()));
        }
    }

    /** The audits classified so far, as the metrics count them. */
    private static double classifiedCount() {
        String metrics = given().auth().oauth2(TestTokens.auditor()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ward_attack_audits_classified_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** {@code json} after {@code padding} spaces (whitespace JSON ignores). */
    private static byte[] padded(String json, int padding) {
        return (" ".repeat(padding) + json).getBytes(StandardCharsets.UTF_8);
    }
}
