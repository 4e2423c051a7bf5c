package io.ward.policy;

import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Rules.BASE;
import static io.ward.policy.Rules.path;
import static io.ward.policy.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.localpg.LocalPostgresTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runtime rules: CRUD round trips, order and moves, revisions, stale writes and roles. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class RuntimeRuleTest {

    @BeforeEach
    void emptyRuleSet() {
        Rules.deleteAll();
    }

    @Test
    void crudRoundTrip() {
        long before = Rules.revision();
        Map<String, Object> sent = rule("Org App-Embedded Runtime Protection Policy", "*");
        io.restassured.response.Response created = asAdmin().body(sent).post(BASE);
        created.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(path("Org App-Embedded Runtime Protection Policy")))
                .header("ETag", "\"" + (before + 1) + "\"");
        Map<String, Object> reply = created.as(Map.class);
        assertEquals(Rules.stored(sent, reply, "admin"), reply);
        assertEquals(before + 1, ((Number) reply.get("revision")).longValue());
        Instant modified = Instant.parse((String) reply.get("modified"));
        assertTrue(Duration.between(modified, Instant.now()).abs().toSeconds() < 30, modified.toString());

        Map<String, Object> got = asAdmin().get(path("Org App-Embedded Runtime Protection Policy")).then().statusCode(200)
                .header("ETag", "\"" + (before + 1) + "\"").extract().as(Map.class);
        assertEquals(reply, got);
        Map<String, Object> list = asAdmin().get(BASE).then().statusCode(200).header("ETag", "\"" + (before + 1) + "\"")
                .extract().as(Map.class);
        assertEquals(Map.of("revision", reply.get("revision"), "rules", List.of(reply)), list);

        Map<String, Object> changed = rule("Org App-Embedded Runtime Protection Policy", "web-*");
        changed.put("notes", "tightened\nfor web apps");
        ((Map<String, Object>) changed.get("processes")).put("effect", "prevent");
        String operator = Api.createUser("operator");
        Map<String, Object> replaced = Api.as(Api.login(operator, Api.USER_PASSWORD)).body(changed)
                .put(path("Org App-Embedded Runtime Protection Policy")).then().statusCode(200).extract().as(Map.class);
        assertEquals(Rules.stored(changed, replaced, operator), replaced);
        assertEquals(before + 2, ((Number) replaced.get("revision")).longValue());
        assertEquals(replaced, asAdmin().get(path("Org App-Embedded Runtime Protection Policy")).then().extract().as(Map.class));

        asAdmin().delete(path("Org App-Embedded Runtime Protection Policy")).then().statusCode(204);
        assertJson(Api.problem(404, "Not Found", "No rule named 'Org App-Embedded Runtime Protection Policy'."),
                asAdmin().get(path("Org App-Embedded Runtime Protection Policy")).then().statusCode(404).extract().asString());
        assertEquals(Map.of("revision", (int) (before + 3), "rules", List.of()), asAdmin().get(BASE).then().extract().as(Map.class));
        asAdmin().delete(path("Org App-Embedded Runtime Protection Policy")).then().statusCode(404);
        assertEquals(before + 3, Rules.revision(), "a failed delete changes nothing");
    }

    @Test
    void absentSectionsAndFieldsTakeSafeDefaults() {
        Map<String, Object> minimal = Map.of("name", "minimal", "scope", Map.of("appIds", List.of("app-1")),
                "processes", Map.of("denied", List.of("nc")));
        Map<String, Object> reply = Rules.create(minimal);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "minimal");
        expected.put("notes", "");
        expected.put("disabled", false);
        expected.put("scope", Map.of("appIds", List.of("app-1")));
        expected.put("processes", Map.of("enabled", false, "allowed", List.of(), "denied", List.of("nc"), "effect", "alert",
                "cryptoMiners", false, "modifiedBinaries", false));
        expected.put("network", Map.of("enabled", false, "listeningPorts", List.of(), "outboundPorts", List.of(),
                "outboundIps", List.of(), "effect", "alert"));
        expected.put("dns", Map.of("enabled", false, "allowed", List.of(), "denied", List.of(), "effect", "alert"));
        assertEquals(Rules.stored(expected, reply, "admin"), reply);
    }

    @Test
    void namesAreUniqueAndMayContainSpacesAndSlashes() {
        Rules.create(rule("web / prod rule", "web-*"));
        long revision = Rules.revision();
        assertJson(Api.problem(409, "Conflict", "A rule named 'web / prod rule' already exists.")
                        .replace("}", ",\"errors\":[{\"field\":\"name\",\"message\":\"already exists\"}]}"),
                asAdmin().body(rule("web / prod rule", "*")).post(BASE).then().statusCode(409).extract().asString());
        assertEquals(revision, Rules.revision(), "a refused create changes nothing");
        asAdmin().get(path("web / prod rule")).then().statusCode(200);

        Rules.create(rule("other", "x"));
        asAdmin().body(rule("other", "x")).put(path("web / prod rule")).then().statusCode(409);
        Map<String, Object> renamed = asAdmin().body(rule("renamed", "web-*")).put(path("web / prod rule"))
                .then().statusCode(200).extract().as(Map.class);
        assertEquals("renamed", renamed.get("name"));
        assertEquals(List.of("renamed", "other"), Rules.names(), "a rename keeps the position");
    }

    @Test
    void rulesKeepTheirOrderAndMove() {
        for (String name : List.of("a", "b", "c", "d")) {
            Rules.create(rule(name, name + "-*"));
        }
        assertEquals(List.of("a", "b", "c", "d"), Rules.names());
        long revision = Rules.revision();
        Map<String, Object> moved = asAdmin().body(Map.of("position", 0)).post(path("c") + "/move")
                .then().statusCode(200).extract().as(Map.class);
        assertEquals(revision + 1, ((Number) moved.get("revision")).longValue());
        assertEquals(List.of("c", "a", "b", "d"), Rules.names());
        asAdmin().body(Map.of("position", 3)).post(path("c") + "/move").then().statusCode(200);
        assertEquals(List.of("a", "b", "d", "c"), Rules.names());
        asAdmin().body(Map.of("position", 1)).post(path("d") + "/move").then().statusCode(200);
        assertEquals(List.of("a", "d", "b", "c"), Rules.names());
        asAdmin().delete(path("a")).then().statusCode(204);
        assertEquals(List.of("d", "b", "c"), Rules.names());
        asAdmin().body(Map.of("position", 2)).post(path("d") + "/move").then().statusCode(200);
        assertEquals(List.of("b", "c", "d"), Rules.names());

        assertJson(Api.badField("position", "must be between 0 and 2"),
                asAdmin().body(Map.of("position", 3)).post(path("b") + "/move").then().statusCode(400).extract().asString());
        assertJson(Api.badField("position", "must be greater than or equal to 0"),
                asAdmin().body(Map.of("position", -1)).post(path("b") + "/move").then().statusCode(400).extract().asString());
        assertEquals(List.of("b", "c", "d"), Rules.names());
        asAdmin().body(Map.of("position", 0)).post(path("zzz") + "/move").then().statusCode(404);
    }

    @Test
    void enableAndDisable() {
        Rules.create(rule("toggle", "t-*"));
        Map<String, Object> disabled = asAdmin().post(path("toggle") + "/disable").then().statusCode(200).extract().as(Map.class);
        assertEquals(true, disabled.get("disabled"));
        assertEquals(disabled, asAdmin().get(path("toggle")).then().extract().as(Map.class));
        Map<String, Object> enabled = asAdmin().post(path("toggle") + "/enable").then().statusCode(200).extract().as(Map.class);
        assertEquals(false, enabled.get("disabled"));
        assertEquals(((Number) disabled.get("revision")).longValue() + 1, ((Number) enabled.get("revision")).longValue());
    }

    @Test
    void staleIfMatchOrBodyRevisionIsRefusedAndChangesNothing() {
        Map<String, Object> created = Rules.create(rule("guarded", "g-*"));
        String current = "\"" + created.get("revision") + "\"";
        Map<String, Object> updated = asAdmin().header("If-Match", current).body(rule("guarded", "g-1"))
                .put(path("guarded")).then().statusCode(200).extract().as(Map.class);
        long revision = Rules.revision();

        String stale = asAdmin().header("If-Match", current).body(rule("guarded", "g-2")).put(path("guarded"))
                .then().statusCode(409).extract().asString();
        assertJson(Api.problem(409, "Conflict", "Rule 'guarded' is at revision " + updated.get("revision") + ", not "
                + created.get("revision") + "; reload it and retry."), stale);
        Map<String, Object> withOldRevision = new LinkedHashMap<>(created);
        withOldRevision.put("scope", Map.of("appIds", List.of("g-3")));
        asAdmin().body(withOldRevision).put(path("guarded")).then().statusCode(409);
        asAdmin().header("If-Match", current).delete(path("guarded")).then().statusCode(409);
        asAdmin().header("If-Match", current).post(path("guarded") + "/disable").then().statusCode(409);
        asAdmin().header("If-Match", current).body(Map.of("position", 0)).post(path("guarded") + "/move").then().statusCode(409);
        assertEquals(updated, asAdmin().get(path("guarded")).then().extract().as(Map.class));
        assertEquals(revision, Rules.revision());

        assertJson(Api.badField("If-Match", "must be a revision such as \\\"17\\\""),
                asAdmin().header("If-Match", "yesterday").delete(path("guarded")).then().statusCode(400).extract().asString());
        asAdmin().header("If-Match", "\"" + updated.get("revision") + "\"").delete(path("guarded")).then().statusCode(204);
    }

    @Test
    void ofTwoConcurrentWritersWithTheSameRevisionExactlyOneWins() throws Exception {
        Map<String, Object> created = Rules.create(rule("contended", "c-*"));
        String ifMatch = "\"" + created.get("revision") + "\"";
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<io.restassured.response.Response>> replies = new ArrayList<>();
            for (String scope : List.of("writer-1", "writer-2")) {
                Callable<io.restassured.response.Response> write = () -> {
                    var request = asAdmin().header("If-Match", ifMatch).body(rule("contended", scope));
                    start.await();
                    return request.put(path("contended"));
                };
                replies.add(pool.submit(write));
            }
            List<Integer> statuses = new ArrayList<>();
            Map<String, Object> winner = null;
            for (Future<io.restassured.response.Response> reply : replies) {
                io.restassured.response.Response response = reply.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    winner = response.as(Map.class);
                }
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
            assertEquals(winner, asAdmin().get(path("contended")).then().extract().as(Map.class));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rolesDecideWhoReadsAndWhoWrites() {
        Rules.create(rule("roles", "r-*"));
        String auditor = Api.tokenFor("auditor");
        Api.as(auditor).get(BASE).then().statusCode(200);
        Api.as(auditor).get(path("roles")).then().statusCode(200);
        Api.as(auditor).body(rule("by-auditor", "x")).post(BASE).then().statusCode(403);
        Api.as(auditor).delete(path("roles")).then().statusCode(403);
        Api.as(auditor).post(path("roles") + "/disable").then().statusCode(403);
        String defender = Api.defenderToken(Api.installToken("r-app"));
        Api.as(defender).get(BASE).then().statusCode(403);
        Api.as(defender).get(path("roles")).then().statusCode(403);
        Api.as(defender).body(rule("by-defender", "x")).post(BASE).then().statusCode(403);
        io.restassured.RestAssured.given().get(BASE).then().statusCode(401);
        assertEquals(List.of("roles"), Rules.names());
    }
}
