package io.ward.event;

import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** attack-mapper stopped while audits arrive: all are stored, the backlog shows, all are classified once it returns. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class ResilienceTest {

    private static final String PATH = "/api/v1/audits/app-embedded";
    private static final Pattern BACKLOG = Pattern.compile("(?m)^ward_audits_unclassified(?:\\{[^}]*\\})? ([0-9.Ee+]+)$");

    /** Stops (false) and starts (true) the real attack-mapper process; injected by {@link WardStack}. */
    Consumer<Boolean> attackMapperRunning;

    @Test
    void nothingIsLostWhileAttackMapperIsDown() throws InterruptedException {
        String app = Api.newAppId("outage");
        Set<String> ids = new HashSet<>();
        attackMapperRunning.accept(false);
        try {
            for (int batch = 0; batch < 3; batch++) {
                List<Map<String, Object>> audits = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    audits.add(processAudit(app, Api.now().minusSeconds(300 - batch * 100L - i), "/bin/sh -c ls " + i));
                }
                audits.forEach(a -> ids.add((String) a.get("id")));
                Instant start = Instant.now();
                Api.assertJson("{\"accepted\":100,\"duplicates\":0}",
                        asAdmin().body(audits).post(PATH).then().statusCode(200).extract().asString());
                assertTrue(Duration.between(start, Instant.now()).toSeconds() < 5, "ingestion does not wait for attack-mapper");
                Thread.sleep(1000);
            }
            Api.assertJson("{\"count\":300}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
            List<JsonNode> stored = new ArrayList<>();
            Api.tree(asAdmin().queryParam("appId", app).queryParam("limit", 500).get(PATH).then().extract().asString())
                    .get("items").forEach(stored::add);
            assertTrue(stored.stream().allMatch(a -> a.get("attack").isNull()), "stored unclassified");
            awaitBacklog(b -> b >= 300, "the backlog gauge shows the unclassified audits");
        } finally {
            attackMapperRunning.accept(true);
        }
        List<JsonNode> classified = Classified.awaitAll(app, 300, Duration.ofSeconds(90));
        Set<String> seen = new HashSet<>();
        classified.forEach(a -> seen.add(a.get("id").asText()));
        assertEquals(ids, seen, "every audit sent during the outage is stored and classified");
        assertTrue(classified.stream().allMatch(a -> "execution".equals(a.get("attack").get(0).get("tactic").asText())));
        awaitBacklog(b -> b == 0, "the backlog drains");
    }

    private static void awaitBacklog(java.util.function.DoublePredicate condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String metrics = "";
        while (Instant.now().isBefore(deadline)) {
            metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
            Matcher m = BACKLOG.matcher(metrics);
            if (m.find() && condition.test(Double.parseDouble(m.group(1)))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + "; metrics: " + metrics.lines().filter(l -> l.contains("unclassified")).toList());
    }
}
