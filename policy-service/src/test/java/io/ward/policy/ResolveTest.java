package io.ward.policy;

import static io.ward.policy.Api.asAdmin;
import static io.ward.policy.Api.assertJson;
import static io.ward.policy.Rules.BASE;
import static io.ward.policy.Rules.path;
import static io.ward.policy.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.localpg.LocalPostgresTestResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolve: first enabled match by scope glob, "no rule", ETag/304, long-poll wake-ups and timeouts, defender scope. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class ResolveTest {

    private static final String RESOLVE = BASE + "/resolve?appId=";
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void emptyRuleSet() {
        Rules.deleteAll();
    }

    private Map<String, Object> resolve(String appId) {
        return asAdmin().get(RESOLVE + appId).then().statusCode(200).extract().as(Map.class);
    }

    private static Map<String, Object> answer(String appId, long revision, Map<String, Object> rule) {
        Map<String, Object> expected = new HashMap<>();
        expected.put("appId", appId);
        expected.put("revision", (int) revision);
        expected.put("rule", rule);
        return expected;
    }

    @Test
    void firstEnabledMatchWinsWithGlobsAndAnExplicitNoRule() {
        Map<String, Object> shop = Rules.create(rule("shop apps", "shop-*", "cart"));
        Map<String, Object> web = Rules.create(rule("web one-char", "web?"));
        Map<String, Object> all = Rules.create(rule("everything else", "*"));
        long revision = Rules.revision();
        assertEquals(answer("shop-eu", revision, shop), resolve("shop-eu"));
        assertEquals(answer("cart", revision, shop), resolve("cart"));
        assertEquals(answer("web1", revision, web), resolve("web1"));
        assertEquals(answer("web12", revision, all), resolve("web12"));

        Map<String, Object> disabled = asAdmin().post(path("shop apps") + "/disable").then().statusCode(200).extract().as(Map.class);
        assertEquals(answer("shop-eu", revision + 1, all), resolve("shop-eu"), "a disabled rule is skipped");

        asAdmin().delete(path("everything else")).then().statusCode(204);
        assertEquals(answer("shop-eu", revision + 2, null), resolve("shop-eu"), "no match: explicit no rule");
        assertJson("{\"appId\":\"other\",\"revision\":" + (revision + 2) + ",\"rule\":null}",
                asAdmin().get(RESOLVE + "other").then().statusCode(200).extract().asString());

        asAdmin().body(Map.of("position", 0)).post(path("web one-char") + "/move").then().statusCode(200);
        asAdmin().post(path("shop apps") + "/enable").then().statusCode(200);
        Map<String, Object> overlapping = Rules.create(rule("web first", "web1", "shop-eu"));
        asAdmin().body(Map.of("position", 0)).post(path("web first") + "/move").then().statusCode(200);
        assertEquals("web first", ((Map<?, ?>) resolve("web1").get("rule")).get("name"));
        assertEquals("web first", ((Map<?, ?>) resolve("shop-eu").get("rule")).get("name"));
        assertEquals("web one-char", ((Map<?, ?>) resolve("web2").get("rule")).get("name"));
        assertEquals(disabled.get("name"), ((Map<?, ?>) resolve("shop-us").get("rule")).get("name"));
        assertEquals(overlapping.get("scope"), ((Map<?, ?>) resolve("web1").get("rule")).get("scope"));
    }

    @Test
    void etagAndIfNoneMatch() {
        Rules.create(rule("etag", "*"));
        long revision = Rules.revision();
        String etag = "\"" + revision + "\"";
        asAdmin().get(RESOLVE + "app").then().statusCode(200).header("ETag", etag);
        String notModified = asAdmin().header("If-None-Match", etag).get(RESOLVE + "app").then().statusCode(304)
                .header("ETag", etag).extract().asString();
        assertEquals("", notModified);
        asAdmin().header("If-None-Match", "W/" + etag).get(RESOLVE + "app").then().statusCode(304);
        asAdmin().header("If-None-Match", "\"" + (revision - 1) + "\"").get(RESOLVE + "app").then().statusCode(200)
                .header("ETag", etag);
        asAdmin().post(path("etag") + "/disable").then().statusCode(200);
        assertJson("{\"appId\":\"app\",\"revision\":" + (revision + 1) + ",\"rule\":null}",
                asAdmin().header("If-None-Match", etag).get(RESOLVE + "app").then().statusCode(200)
                        .header("ETag", "\"" + (revision + 1) + "\"").extract().asString());
    }

    @Test
    void longPollWakesOnAChange() throws Exception {
        Rules.create(rule("before", "lp-*"));
        long revision = Rules.revision();
        CompletableFuture<HttpResponse<String>> poll = poll("lp-1", revision, "20s");
        Thread.sleep(500);
        assertTrue(!poll.isDone(), "the poll is parked while nothing changes");
        Map<String, Object> after = Rules.create(rule("after", "*"));
        long changedAt = System.nanoTime();
        asAdmin().body(Map.of("position", 0)).post(path("after") + "/move").then().statusCode(200);
        HttpResponse<String> reply = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
        long wokeAfterMillis = (System.nanoTime() - changedAt) / 1_000_000;
        assertEquals(200, reply.statusCode());
        assertEquals("\"" + (revision + 1) + "\"", reply.headers().firstValue("ETag").orElseThrow());
        assertJson("{\"appId\":\"lp-1\",\"revision\":" + (revision + 1) + ",\"rule\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Rules.stored(rule("before", "lp-*"),
                asAdmin().get(path("before")).then().extract().as(Map.class), "admin")) + "}", reply.body());
        assertTrue(wokeAfterMillis < 1_000, "woke " + wokeAfterMillis + " ms after the change");
        assertEquals("after", after.get("name"));
    }

    @Test
    void longPollAnswers304AtTheTimeout() throws Exception {
        long revision = Rules.revision();
        long start = System.nanoTime();
        HttpResponse<String> reply = poll("quiet", revision, "1s").get(10, java.util.concurrent.TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(304, reply.statusCode());
        assertEquals("\"" + revision + "\"", reply.headers().firstValue("ETag").orElseThrow());
        assertTrue(tookMillis >= 950 && tookMillis < 5_000, "took " + tookMillis + " ms");
    }

    @Test
    void aChangeCommittedByAnotherInstanceWakesPollsThroughNotify() throws Exception {
        long revision = Rules.revision();
        CompletableFuture<HttpResponse<String>> poll = poll("elsewhere", revision, "20s");
        Thread.sleep(300);
        // What another policy-service instance's transaction does: bump the revision, write, NOTIFY, commit.
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.execute("UPDATE policy.rule_set SET revision = revision + 1 WHERE id = 1");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO policy.runtime_rules (name, position, notes, "
                    + "disabled, scope, processes, network, dns, revision, modified, modified_by) VALUES ('from elsewhere', 0, '', "
                    + "false, '{\"appIds\":[\"*\"]}', ?::jsonb, ?::jsonb, ?::jsonb, ?, now(), 'other-instance')")) {
                insert.setString(1, "{\"enabled\":false,\"allowed\":[],\"denied\":[],\"effect\":\"alert\",\"cryptoMiners\":false,\"modifiedBinaries\":false}");
                insert.setString(2, "{\"enabled\":false,\"listeningPorts\":[],\"outboundPorts\":[],\"outboundIps\":[],\"effect\":\"alert\"}");
                insert.setString(3, "{\"enabled\":false,\"allowed\":[],\"denied\":[],\"effect\":\"alert\"}");
                insert.setLong(4, revision + 1);
                insert.executeUpdate();
            }
            try (Statement s = db.createStatement()) {
                s.execute("NOTIFY ward_policy_revision, '" + (revision + 1) + "'");
            }
            db.commit();
        }
        HttpResponse<String> reply = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, reply.statusCode());
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(reply.body(), Map.class);
        assertEquals(revision + 1, ((Number) body.get("revision")).longValue());
        assertEquals("other-instance", ((Map<?, ?>) body.get("rule")).get("modifiedBy"));
    }

    @Test
    void waitAndAppIdAreValidated() {
        assertJson(Api.badField("wait", "must be 0-60 seconds, such as 30s"),
                asAdmin().get(RESOLVE + "app&wait=61s").then().statusCode(400).extract().asString());
        asAdmin().get(RESOLVE + "app&wait=soon").then().statusCode(400);
        assertJson(Api.badField("appId", "must not be null"),
                asAdmin().get(BASE + "/resolve").then().statusCode(400).extract().asString());
        assertJson(Api.badField("appId", "must be 1-128 letters, digits or . _ : - starting with a letter or digit"),
                asAdmin().get(RESOLVE + "a%2Fb").then().statusCode(400).extract().asString());
        assertJson(Api.badField("If-None-Match", "must be a revision such as \\\"17\\\""),
                asAdmin().header("If-None-Match", "abc").get(RESOLVE + "app").then().statusCode(400).extract().asString());
    }

    @Test
    void aDefenderResolvesOnlyItsOwnApp() {
        Map<String, Object> rule = Rules.create(rule("defended", "app-a", "app-b"));
        String defender = Api.defenderToken(Api.installToken("app-a"));
        assertEquals(answer("app-a", Rules.revision(), rule),
                Api.as(defender).get(RESOLVE + "app-a").then().statusCode(200).extract().as(Map.class));
        assertJson(Api.problem(403, "Forbidden", "This defender token is for another app id."),
                Api.as(defender).get(RESOLVE + "app-b").then().statusCode(403).extract().asString());
        io.restassured.RestAssured.given().get(RESOLVE + "app-a").then().statusCode(401);
        Api.as(Api.tokenFor("auditor")).get(RESOLVE + "app-b").then().statusCode(200);
    }

    private CompletableFuture<HttpResponse<String>> poll(String appId, long knownRevision, String wait) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + RESOLVE.substring(1) + appId + "&wait=" + wait))
                .header("Authorization", "Bearer " + Api.adminToken())
                .header("If-None-Match", "\"" + knownRevision + "\"")
                .timeout(Duration.ofSeconds(90))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
