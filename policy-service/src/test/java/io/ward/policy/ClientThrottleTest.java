package io.ward.policy;

import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Api.problem;
import static io.ward.policy.Api.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Login throttling keyed on the real client, which the front door (a trusted proxy on loopback, like these requests)
 * names in X-Forwarded-For: one client's failures lock that client out, never another client, never a valid access
 * key or defender install token. Each test uses client addresses of its own (documentation ranges).
 */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class ClientThrottleTest {

    static final String INVALID = problem(401, "Unauthorized", "Invalid credentials.");
    static final String THROTTLED = problem(429, "Too Many Requests", "Too many failed logins; try again later.");

    @Test
    void aFloodOfBadLoginsFromOneClientLocksOutThatClientOnly() {
        String user = Api.createUser("auditor");
        Map<String, String> accessKey = Api.accessKey("auditor");
        String installToken = Api.installToken("flooded-app");
        String attacker = "203.0.113.10";

        for (int i = 0; i < 20; i++) {
            assertRefused(401, INVALID, tokenRequest(attacker, password("nobody-" + i, "wrong guess " + i)));
        }
        assertThrottled(tokenRequest(attacker, password("someone-else", "another guess")));
        assertThrottled(tokenRequest(attacker, password(user, Api.USER_PASSWORD)));
        // A left-most address of someone else's does not get the attacker out of its lock.
        assertThrottled(tokenRequest("198.51.100.10, " + attacker, password(user, Api.USER_PASSWORD)));

        assertIssued(tokenRequest("198.51.100.10", password(user, Api.USER_PASSWORD)), user);
        assertIssued(tokenRequest(attacker, accessKey), accessKey.get("accessKeyId"));
        String defender = assertIssued(tokenRequest(attacker, Map.of("installToken", installToken)),
                "defender:" + installToken.split("_")[1]);
        assertEquals("flooded-app", Api.jwtPart(defender, 1).get("appId").asText());
    }

    @Test
    void spoofedLeftMostAddressesCountAsTheOneRealClient() {
        String user = Api.createUser("auditor");
        String attacker = "203.0.113.20";
        for (int i = 0; i < 20; i++) {
            assertRefused(401, INVALID, tokenRequest("198.51.100." + (20 + i) + ", " + attacker,
                    password("nobody-" + i, "wrong guess " + i)));
        }
        assertThrottled(tokenRequest("198.51.100.99, " + attacker, password(user, Api.USER_PASSWORD)));
        // The addresses the attacker put on the left were not charged with its failures.
        assertIssued(tokenRequest("198.51.100.20", password(user, Api.USER_PASSWORD)), user);
        // A further trusted proxy on the right is skipped: the client is the right-most untrusted address.
        assertThrottled(tokenRequest(attacker + ", 127.0.0.1", password(user, Api.USER_PASSWORD)));
        assertIssued(tokenRequest("198.51.100.21, 127.0.0.1", password(user, Api.USER_PASSWORD)), user);
    }

    @Test
    void failuresForOneAccountLockThatAccountForThatClientOnly() {
        String victim = Api.createUser("operator");
        String other = Api.createUser("auditor");
        String attacker = "203.0.113.30";
        for (int i = 0; i < 5; i++) {
            assertRefused(401, INVALID, tokenRequest(attacker, password(victim, "wrong guess " + i)));
        }
        assertThrottled(tokenRequest(attacker, password(victim, Api.USER_PASSWORD)));
        assertIssued(tokenRequest(attacker, password(other, Api.USER_PASSWORD)), other);
        assertIssued(tokenRequest("198.51.100.30", password(victim, Api.USER_PASSWORD)), victim);
    }

    @Test
    void guessesFromManyClientsCannotLockTheRealUserOut() {
        String victim = Api.createUser("admin");
        for (int i = 0; i < 50; i++) {
            assertRefused(401, INVALID, tokenRequest("192.0.2." + (100 + i), password(victim, "wrong guess " + i)));
        }
        // Over the per-account limit: every client that has failed against the account is refused from now on ...
        assertThrottled(tokenRequest("192.0.2.100", password(victim, Api.USER_PASSWORD)));
        assertThrottled(tokenRequest("192.0.2.149", password(victim, "one more guess")));
        // ... but a client with no failure against it still gets in with the right password (and fails with a wrong one).
        assertIssued(tokenRequest("198.51.100.40", password(victim, Api.USER_PASSWORD)), victim);
        assertRefused(401, INVALID, tokenRequest("198.51.100.41", password(victim, "fresh guess")));
        assertThrottled(tokenRequest("198.51.100.41", password(victim, Api.USER_PASSWORD)));
    }

    @Test
    void failedMachineCredentialsAreThrottledPerClientWithoutStoppingValidOnes() {
        Map<String, String> key = Api.accessKey("auditor");
        String id = key.get("accessKeyId");
        String installToken = Api.installToken("machine-app");
        String attacker = "203.0.113.50";
        assertIssued(tokenRequest(attacker, key), id);
        Api.defenderToken(installToken);

        Map<String, String> wrongSecret = Map.of("accessKeyId", id, "secret", Api.otherHex(key.get("secret")));
        for (int i = 0; i < 5; i++) {
            assertRefused(401, INVALID, tokenRequest(attacker, wrongSecret));
        }
        assertThrottled(tokenRequest(attacker, wrongSecret));
        assertRefused(401, INVALID, tokenRequest("198.51.100.50", wrongSecret)); // another client is not throttled

        for (int i = 0; i < 15; i++) {
            assertRefused(401, INVALID, tokenRequest(attacker, Map.of("installToken", "wdt_%016x_%064x".formatted(i, i))));
        }
        assertThrottled(tokenRequest(attacker, Map.of("installToken", "wdt_%016x_%064x".formatted(99, 99))));
        assertThrottled(tokenRequest(attacker, Map.of("accessKeyId", "wak_0000000000000000", "secret", "guess")));
        // Valid credentials still get their tokens, from the throttled client too (verified before on this instance) ...
        assertIssued(tokenRequest(attacker, key), id);
        assertIssued(tokenRequest(attacker, Map.of("installToken", installToken)), "defender:" + installToken.split("_")[1]);
        // ... and password logins from it were never counted with them.
        String user = Api.createUser("auditor");
        assertIssued(tokenRequest(attacker, password(user, Api.USER_PASSWORD)), user);
    }

    static Map<String, String> password(String username, String password) {
        return Map.of("username", username, "password", password);
    }

    static void assertRefused(int status, String problem, Response response) {
        assertEquals(status, response.statusCode(), response.asString());
        assertJson(problem, response.asString());
    }

    static void assertThrottled(Response response) {
        assertRefused(429, THROTTLED, response);
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 300, "Retry-After " + retryAfter);
    }

    /** Asserts a token was issued to {@code subject} and returns it. */
    static String assertIssued(Response response, String subject) {
        assertEquals(200, response.statusCode(), response.asString());
        String token = response.path("token");
        assertEquals(subject, Api.jwtPart(token, 1).get("sub").asText());
        return token;
    }
}
