package io.ward.event.defender;

import static io.ward.event.Api.as;
import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.event.Api;
import io.ward.event.WardStack;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats and the defender list. The test profile's default interval is 2 s, so a defender is disconnected
 * 6 s after its last heartbeat.
 */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class DefenderTest {

    private static final String HEARTBEAT = "/api/v1/defenders/heartbeat";
    private static final String LIST = "/api/v1/defenders";

    @Test
    void heartbeatsMakeADefenderConnectedAndSilenceDisconnectedButStillListed() throws InterruptedException {
        String app = Api.newAppId("hb");
        String token = Api.defenderToken(app);
        Map<String, Object> beat = heartbeat(app, app + ":one", 41);
        Instant before = Instant.now().minusSeconds(1);
        as(token).body(beat).post(HEARTBEAT).then().statusCode(204);

        assertJson(expected(beat, "connected", 2), withoutTimes(listOf(app, null), before));
        assertJson(expected(beat, "connected", 2), withoutTimes(listOf(app, "connected"), before));
        assertJson("[]", listOf(app, "disconnected"));

        Thread.sleep(6500);
        assertJson(expected(beat, "disconnected", 2), withoutTimes(listOf(app, null), before));
        assertJson(expected(beat, "disconnected", 2), withoutTimes(listOf(app, "disconnected"), before));
        assertJson("[]", listOf(app, "connected"));

        Map<String, Object> again = heartbeat(app, app + ":one", 57);
        as(token).body(again).post(HEARTBEAT).then().statusCode(204);
        assertJson(expected(again, "connected", 2), withoutTimes(listOf(app, "connected"), before));
    }

    @Test
    void aDefenderSendingItsIntervalIsJudgedByIt() throws InterruptedException {
        String app = Api.newAppId("hb");
        Map<String, Object> beat = heartbeat(app, app + ":slow", 1);
        beat.put("intervalSeconds", 60);
        as(Api.defenderToken(app)).body(beat).post(HEARTBEAT).then().statusCode(204);
        Thread.sleep(6500);
        assertJson(expected(beat, "connected", 60), withoutTimes(listOf(app, null), Instant.now().minusSeconds(10)));
    }

    @Test
    void aDefenderMayOnlyReportForItsOwnApp() {
        String app = Api.newAppId("hb");
        String other = Api.newAppId("hb");
        assertJson("""
                {"type":"about:blank","title":"Forbidden","status":403,
                 "detail":"appId is '%s' but this defender token may only write for app '%s'",
                 "errors":[{"field":"appId","message":"must be this defender's own app id"}]}""".formatted(other, app),
                as(Api.defenderToken(app)).body(heartbeat(other, other + ":x", 1)).post(HEARTBEAT)
                        .then().statusCode(403).extract().asString());
        assertJson("[]", listOf(other, null));

        // An instance id registered by one app cannot be taken over by another app's defender.
        as(Api.defenderToken(app)).body(heartbeat(app, app + ":mine", 1)).post(HEARTBEAT).then().statusCode(204);
        assertJson("""
                {"type":"about:blank","title":"Conflict","status":409,
                 "detail":"instance %s:mine is registered under another app id",
                 "errors":[{"field":"instanceId","message":"belongs to another app id"}]}""".formatted(app),
                as(Api.defenderToken(other)).body(heartbeat(other, app + ":mine", 1)).post(HEARTBEAT)
                        .then().statusCode(409).extract().asString());
        assertEquals(app, Api.tree(listOf(app, null)).get(0).get("appId").asText());

        as(Api.defenderToken(app)).get(LIST).then().statusCode(403);
        io.restassured.RestAssured.given().get(LIST).then().statusCode(401);
    }

    @Test
    void badHeartbeatsAreRejectedNamingTheField() {
        String app = Api.newAppId("hb");
        Map<String, Object> beat = heartbeat(app, app + ":bad", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> counters = (Map<String, Object>) beat.get("counters");
        counters.put("execsSeen", -1);
        beat.put("intervalSeconds", 0);
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 2 invalid field(s).",
                 "errors":[{"field":"counters.execsSeen","message":"must be greater than or equal to 0"},
                           {"field":"intervalSeconds","message":"must be greater than or equal to 1"}]}""",
                as(Api.defenderToken(app)).body(beat).post(HEARTBEAT).then().statusCode(400).extract().asString());
        beat.put("startedAt", "noon");
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"startedAt","message":"has the wrong type or format"}]}""",
                as(Api.defenderToken(app)).body(beat).post(HEARTBEAT).then().statusCode(400).extract().asString());
        assertJson("[]", listOf(app, null));
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"status","message":"must be connected or disconnected"}]}""",
                asAdmin().queryParam("status", "gone").get(LIST).then().statusCode(400).extract().asString());
    }

    private static Map<String, Object> heartbeat(String app, String instance, long execs) {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("auditsSent", 5);
        counters.put("auditsSpooled", 0);
        counters.put("auditsDropped", 0);
        counters.put("execsSeen", execs);
        counters.put("allowed", 37);
        counters.put("alerted", 5);
        counters.put("prevented", 0);
        counters.put("reverseShellsBlocked", 2);
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("instanceId", instance);
        beat.put("appId", app);
        beat.put("version", "0.1.0");
        beat.put("hostname", "SandboxHost-638");
        beat.put("startedAt", "2026-11-28T12:00:00Z");
        beat.put("policyRevision", 17);
        beat.put("failOpen", false);
        beat.put("counters", counters);
        return beat;
    }

    private static String listOf(String app, String status) {
        var request = Api.as(Api.auditorToken()).queryParam("appId", app);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get(LIST).then().statusCode(200).extract().asString();
    }

    /** The list with lastSeen/firstSeen checked to lie between {@code before} and now, then removed. */
    private static String withoutTimes(String list, Instant before) {
        ArrayNode defenders = (ArrayNode) Api.tree(list);
        for (JsonNode d : defenders) {
            for (String field : new String[] {"lastSeen", "firstSeen"}) {
                Instant t = Instant.parse(d.get(field).asText());
                assertTrue(!t.isBefore(before) && !t.isAfter(Instant.now().plusSeconds(1)), field + " " + t);
                ((ObjectNode) d).remove(field);
            }
        }
        return defenders.toString();
    }

    private static String expected(Map<String, Object> beat, String status, int interval) {
        Map<String, Object> d = new LinkedHashMap<>(beat);
        d.put("status", status);
        d.put("intervalSeconds", interval);
        return Api.tree(java.util.List.of(d)).toString();
    }
}
