package io.ward.attack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.Socket;
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
    private static final String NO_TOKEN = "A valid Ward bearer token is required.";

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
    void aMalformedBodyIsAProblemNamingTheBody() {
        Response response = given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON).body("[{\"id\":")
                .post(CLASSIFY);
        response.then().statusCode(400).contentType("application/problem+json");
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"","message":"body is not valid JSON: Unexpected end-of-input within/between Object entries"}]}"""),
                Json.parse(response.asString()));
    }

    /**
     * Declares an 11 MB body and sends none of it: the limit is judged on Content-Length alone, and the 413 comes
     * before any body is read. (A client pushing the whole body first may instead see the connection closed under it.)
     */
    @Test
    void aBodyOverTheLimitIsAProblem() throws Exception {
        String[] reply = postDeclaring(CLASSIFY, 11 * 1024 * 1024, TestTokens.auditor());
        assertTrue(reply[0].startsWith("HTTP/1.1 413 "), reply[0]);
        assertTrue(reply[0].toLowerCase().contains("\r\ncontent-type: application/problem+json\r\n"), reply[0]);
        assertEquals(Json.parse("""
                {"type":"about:blank","title":"Content Too Large","status":413,
                 "detail":"The request body is larger than 10485760 bytes."}"""), Json.parse(reply[1]));
    }

    /** The head and body of the answer to a POST announcing {@code length} bytes; the server closes afterwards. */
    private static String[] postDeclaring(String path, long length, String token) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            return new String[] {reply.substring(0, end + 2), reply.substring(end + 4)};
        }
    }
}
