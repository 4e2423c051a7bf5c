package io.ward.event.audit;

import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.event.Api;
import io.ward.event.WardStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/audits/app-embedded: round trips, validation of whole batches, idempotency. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class AuditIngestTest {

    private static final String PATH = "/api/v1/audits/app-embedded";

    @Test
    void storedAuditsComeBackAsPostedWithReceivedAt() {
        String app = Api.newAppId("roundtrip");
        Instant t = Api.now().minusSeconds(60);
        Map<String, Object> older = processAudit(app, t, "/bin/sh -c ls");
        Map<String, Object> newer = processAudit(app, t.plusMillis(1500), "/bin/sh -c id");
        Instant before = Instant.now().minusSeconds(1);
        String reply = asAdmin().body(List.of(older, newer)).post(PATH).then().statusCode(200).extract().asString();
        assertJson("{\"accepted\":2,\"duplicates\":0}", reply);

        JsonNode page = Api.tree(asAdmin().queryParam("appId", app).get(PATH).then().statusCode(200).extract().asString());
        ArrayNode items = (ArrayNode) page.get("items");
        for (JsonNode item : items) {
            Instant received = Instant.parse(item.get("receivedAt").asText());
            assertTrue(!received.isBefore(before) && !received.isAfter(Instant.now()), "receivedAt " + received);
            ((ObjectNode) item).remove("receivedAt");
            // attack is null until attack-mapper classified the audit, then a list; ClassificationTest covers it.
            assertTrue(item.get("attack").isNull() || item.get("attack").isArray());
            ((ObjectNode) item).remove("attack");
        }
        ObjectNode expected = Api.JSON.createObjectNode();
        expected.set("items", Api.tree(List.of(newer, older)));
        expected.putNull("nextCursor");
        assertEquals(expected, page);
    }

    @Test
    void aReplayedBatchIsStoredOnceAndCountedAsDuplicates() {
        String app = Api.newAppId("replay");
        Map<String, Object> a = processAudit(app, Api.now().minusSeconds(10), "/bin/sh -c ls");
        Map<String, Object> b = processAudit(app, Api.now().minusSeconds(9), "/bin/sh -c whoami");
        assertJson("{\"accepted\":2,\"duplicates\":0}",
                asAdmin().body(List.of(a, b)).post(PATH).then().statusCode(200).extract().asString());
        assertJson("{\"accepted\":0,\"duplicates\":2}",
                asAdmin().body(List.of(a, b)).post(PATH).then().statusCode(200).extract().asString());
        Map<String, Object> c = processAudit(app, Api.now().minusSeconds(8), "/bin/sh -c uname -a");
        assertJson("{\"accepted\":1,\"duplicates\":2}",
                asAdmin().body(List.of(a, c, c)).post(PATH).then().statusCode(200).extract().asString());
        assertJson("{\"count\":3}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aBadAuditRejectsTheWholeBatchNamingIndexAndField() {
        String app = Api.newAppId("invalid");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(processAudit(app, Api.now().minusSeconds(30 - i), "/bin/sh -c ls"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> process = (Map<String, Object>) batch.get(3).get("process");
        process.put("pid", 0);
        String reply = asAdmin().body(batch).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").extract().asString();
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"the batch was not stored: [3].process.pid must be greater than 0",
                 "errors":[{"field":"[3].process.pid","message":"must be greater than 0"}]}""", reply);
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }

    @Test
    void everyBadFieldIsListed() {
        String app = Api.newAppId("invalid");
        Map<String, Object> ok = processAudit(app, Api.now(), "/bin/sh -c ls");
        Map<String, Object> bad = processAudit(app, Api.now().plus(3, ChronoUnit.DAYS), "/bin/sh -c ls");
        bad.put("type", "network");
        bad.put("effect", "block");
        bad.remove("ruleName");
        String reply = asAdmin().body(List.of(ok, bad)).post(PATH).then().statusCode(400).extract().asString();
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"the batch was not stored: [1].effect must be alert or prevent (and 3 more)",
                 "errors":[{"field":"[1].effect","message":"must be alert or prevent"},
                           {"field":"[1].ruleName","message":"must not be blank"},
                           {"field":"[1].time","message":"lies more than 24 h in the future; check the defender's clock"},
                           {"field":"[1].network","message":"is required when type is network"}]}""", reply);
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedToo() {
        String app = Api.newAppId("invalid");
        Map<String, Object> a = processAudit(app, Api.now(), "/bin/sh -c ls");
        Map<String, Object> b = processAudit(app, Api.now(), "/bin/sh -c ls");
        @SuppressWarnings("unchecked")
        Map<String, Object> process = (Map<String, Object>) b.get("process");
        process.put("pid", "not-a-number");
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"[1].process.pid","message":"has the wrong type or format"}]}""",
                asAdmin().body(List.of(a, b)).post(PATH).then().statusCode(400).extract().asString());
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"body","message":"the body is not the expected JSON object"}]}""",
                asAdmin().body(a).post(PATH).then().statusCode(400).extract().asString());
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }

    @Test
    void moreThanAThousandAuditsAreRefusedWith413() {
        String app = Api.newAppId("big");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            batch.add(processAudit(app, Api.now(), "/bin/sh -c ls"));
        }
        assertJson("""
                {"type":"about:blank","title":"Payload Too Large","status":413,
                 "detail":"a batch holds at most 1000 audits; this one has 1001: split it",
                 "errors":[{"field":"body","message":"must hold at most 1000 audits"}]}""",
                asAdmin().body(batch).post(PATH).then().statusCode(413).extract().asString());
        assertJson("{\"accepted\":1000,\"duplicates\":0}",
                asAdmin().body(batch.subList(0, 1000)).post(PATH).then().statusCode(200).extract().asString());
        assertJson("{\"count\":1000}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }

    @Test
    void aNetworkProtocolOtherThanTcpUdpOrRawIsRefused() {
        String app = Api.newAppId("invalid");
        Map<String, Object> icmp = processAudit(app, Api.now(), "ping 203.0.113.9");
        icmp.put("type", "network");
        icmp.put("reason", "outbound");
        icmp.put("network", Map.of("direction", "outbound", "protocol", "icmp", "ip", "203.0.113.9", "port", 0));
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"the batch was not stored: [0].network.protocol must be tcp, udp or raw",
                 "errors":[{"field":"[0].network.protocol","message":"must be tcp, udp or raw"}]}""",
                asAdmin().body(List.of(icmp)).post(PATH).then().statusCode(400)
                        .contentType("application/problem+json").extract().asString());
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }

    @Test
    void networkAndDnsAuditsKeepTheirDetails() {
        String app = Api.newAppId("net");
        Map<String, Object> net = processAudit(app, Api.now().minusSeconds(2), "nc 203.0.113.9 4444");
        net.put("type", "network");
        net.put("reason", "outbound");
        net.put("network", Map.of("direction", "outbound", "protocol", "tcp", "ip", "203.0.113.9", "port", 4444));
        Map<String, Object> dns = processAudit(app, Api.now().minusSeconds(1), "curl http://evil.example");
        dns.put("type", "dns");
        dns.put("reason", "dns");
        dns.put("dns", Map.of("domain", "evil.example", "queryType", "A"));
        asAdmin().body(List.of(net, dns)).post(PATH).then().statusCode(200);
        JsonNode items = Api.tree(asAdmin().queryParam("appId", app).get(PATH).then().statusCode(200).extract().asString())
                .get("items");
        assertEquals(Api.tree(dns.get("dns")), items.get(0).get("dns"));
        assertEquals(Api.tree(net.get("network")), items.get(1).get("network"));
        assertFalse(items.get(1).has("command"), "command is part of process only");
    }
}
