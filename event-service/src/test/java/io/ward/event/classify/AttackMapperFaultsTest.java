package io.ward.event.classify;

import static io.ward.event.Api.as;
import static io.ward.event.Api.processAudit;
import static io.ward.event.classify.Neighbours.AUDITS;
import static io.ward.event.classify.Neighbours.admin;
import static io.ward.event.classify.Neighbours.classify;
import static io.ward.event.classify.Neighbours.json;
import static io.ward.event.classify.Neighbours.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ward.event.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * attack-mapper failing in ways the real one cannot be made to on demand (WireMock plays it): whatever it does,
 * every ingested audit stays stored, unclassified and counted in the backlog while the fault lasts, nothing is
 * classified from a broken reply, the outage is logged once, and once it answers correctly the backlog drains
 * into exactly what it answered.
 */
@QuarkusTest
@TestProfile(NeighbourFaults.Profile.class)
class AttackMapperFaultsTest {

    private WireMock wireMock;

    @BeforeEach
    void neighboursAnswer() throws InterruptedException {
        wireMock = Neighbours.reset();
        wireMock.register(Neighbours.tokenExchange().willReturn(Neighbours.issued(Neighbours.serviceToken())));
        Neighbours.await("the backlog of earlier tests drained", Neighbours.WITHIN, () -> Neighbours.backlog() == 0);
    }

    /** Answers attack-mapper (or the way to it) may give that carry no classification at all. */
    enum Failure {
        INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE, MALFORMED_JSON, OBJECT_INSTEAD_OF_ARRAY, CONNECTION_RESET,
        EMPTY_RESPONSE;

        ResponseDefinitionBuilder response(List<Map<String, Object>> audits) {
            return switch (this) {
                case INTERNAL_SERVER_ERROR ->
                        problem(500, "Internal Server Error", "The server failed; the failure is logged.");
                case SERVICE_UNAVAILABLE -> problem(503, "Service Unavailable", "attack-mapper is starting.");
                // a reply cut off in the middle of the first technique
                case MALFORMED_JSON -> json(200, Neighbours.seedClassification(audits).substring(0, 80));
                case OBJECT_INSTEAD_OF_ARRAY -> json(200, Api.tree(Neighbours.seedClassification(audits)).get(0).toString());
                case CONNECTION_RESET -> WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
                case EMPTY_RESPONSE -> WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailingAttackMapperLosesNothingAndTheBacklogDrainsOnceItAnswers(Failure failure) throws InterruptedException {
        String app = Api.newAppId("fault");
        List<Map<String, Object>> audits = Neighbours.threeAudits(app);
        wireMock.register(classify().willReturn(failure.response(audits)));
        int log = Neighbours.logMark();

        Neighbours.ingest(audits);
        // Retried within a run and by later runs.
        Neighbours.await("attack-mapper asked again after " + failure, Neighbours.WITHIN,
                () -> Neighbours.classifyRequests(wireMock).size() >= 4);
        Neighbours.assertUnclassifiedWhileTheFaultLasts(app, audits, log);

        Neighbours.recoverAndAssertClassified(wireMock, app, audits, log);
        Neighbours.assertClassifyRequests(wireMock, audits);
    }

    /** 200 replies that break the contract: one classification (ClassifyResult) per audit sent, each with its list. */
    enum BrokenReply {
        ONE_AUDIT_MISSING, AN_AUDIT_NOT_ASKED_FOR, UNKNOWN_IDS, AN_AUDIT_TWICE, NO_ATTACK_LIST, NULL_ENTRY, NO_ID,
        TECHNIQUE_WITHOUT_ID, FAR_MORE_THAN_ASKED;

        String body(List<Map<String, Object>> audits) {
            ArrayNode reply = (ArrayNode) Api.tree(Neighbours.seedClassification(audits));
            switch (this) {
                case ONE_AUDIT_MISSING -> reply.remove(2);
                case AN_AUDIT_NOT_ASKED_FOR ->
                        reply.add(((ObjectNode) reply.get(0)).deepCopy().put("id", UUID.randomUUID().toString()));
                case UNKNOWN_IDS -> reply.forEach(c -> ((ObjectNode) c).put("id", UUID.randomUUID().toString()));
                case AN_AUDIT_TWICE -> reply.set(2, reply.get(0).deepCopy());
                case NO_ATTACK_LIST -> ((ObjectNode) reply.get(2)).remove("attack");
                case NULL_ENTRY -> reply.set(2, Api.JSON.nullNode());
                case NO_ID -> ((ObjectNode) reply.get(2)).remove("id");
                case TECHNIQUE_WITHOUT_ID -> ((ObjectNode) reply.get(2).get("attack").get(0)).remove("techniqueId");
                case FAR_MORE_THAN_ASKED -> {
                    // 20,000 classifications (about 3 MB) for three audits, the three among them
                    for (int i = 0; i < 20_000; i++) {
                        reply.add(((ObjectNode) reply.get(i % 3)).deepCopy().put("id", UUID.randomUUID().toString()));
                    }
                }
            }
            return reply.toString();
        }
    }

    @ParameterizedTest
    @EnumSource(BrokenReply.class)
    void aReplyBreakingTheContractClassifiesNothing(BrokenReply broken) throws InterruptedException {
        String app = Api.newAppId("broken");
        List<Map<String, Object>> audits = Neighbours.threeAudits(app);
        wireMock.register(classify().willReturn(json(200, broken.body(audits))));
        int log = Neighbours.logMark();

        Neighbours.ingest(audits);
        Neighbours.await("attack-mapper asked again after " + broken, Neighbours.WITHIN,
                () -> Neighbours.classifyRequests(wireMock).size() >= 3);
        Neighbours.assertUnclassifiedWhileTheFaultLasts(app, audits, log);
        String outage = Neighbours.logSince(log, Neighbours.OUTAGE).get(0);
        assertTrue(outage.contains("breaks the contract"), outage);
        // Nothing reached the tactic/technique lookup or the explorer's counts either.
        assertEquals(0, Api.tree(as(admin()).queryParam("appId", app).queryParam("techniqueId", "T1059.004").get(AUDITS)
                .then().statusCode(200).extract().asString()).get("items").size());
        assertEquals(List.of(0L, 0L), executionAndDiscoveryCounts(app));

        Neighbours.recoverAndAssertClassified(wireMock, app, audits, log);
        Neighbours.assertClassifyRequests(wireMock, audits);
        assertEquals(List.of(3L, 3L), executionAndDiscoveryCounts(app), "each audit counted once");
    }

    @Test
    void aReplySlowerThanTheTimeLimitHoldsUpNeitherIngestionNorTheBacklog() throws InterruptedException {
        String app = Api.newAppId("slow");
        List<Map<String, Object>> first = Neighbours.threeAudits(app);
        // Answers correctly, but 20 s late: past the classifier's time limit (3 s in this profile).
        wireMock.register(classify().willReturn(json(200, Neighbours.seedClassification(first)).withFixedDelay(20_000)));
        int log = Neighbours.logMark();

        Neighbours.ingest(first);
        Neighbours.await("the time limit ends the hanging call", Neighbours.WITHIN,
                () -> !Neighbours.logSince(log, Neighbours.OUTAGE).isEmpty());
        String outage = Neighbours.logSince(log, Neighbours.OUTAGE).get(0);
        assertTrue(outage.contains("TimeoutException"), outage);
        List<Map<String, Object>> all = new ArrayList<>(first);
        Instant t = Api.now().minusSeconds(20);
        for (int i = 0; i < 3; i++) {
            // while the worker waits on attack-mapper again and again, every batch is stored at once
            List<Map<String, Object>> more = List.of(processAudit(app, t.plusSeconds(i), "/bin/sh -c ls /tmp/" + i));
            Instant start = Instant.now();
            Neighbours.ingest(more);
            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "POST took " + took + " while attack-mapper hangs");
            all.addAll(more);
            Thread.sleep(1000);
        }
        Neighbours.assertUnclassifiedWhileTheFaultLasts(app, all, log);

        Neighbours.recoverAndAssertClassified(wireMock, app, all, log);
        // Each call carried the audits unclassified when it was made: the first three, then more as they came.
        List<JsonNode> batches = new ArrayList<>();
        for (int n = first.size(); n <= all.size(); n++) {
            batches.add(Api.tree(all.subList(0, n)));
        }
        List<LoggedRequest> sent = Neighbours.inOrder(Neighbours.classifyRequests(wireMock));
        sent.forEach(r -> assertTrue(batches.contains(Api.tree(r.getBodyAsString())), r.getBodyAsString()));
        assertEquals(Api.tree(all), Api.tree(sent.get(sent.size() - 1).getBodyAsString()), "the batch that was answered");
        sent.forEach(r -> assertEquals("Bearer " + Neighbours.serviceToken(), r.getHeader("Authorization")));
    }

    /** The explorer's audit counts of {@code app} under Execution and Discovery (the seed's tactics). */
    static List<Long> executionAndDiscoveryCounts(String app) {
        JsonNode tactics = Api.tree(as(admin()).queryParam("appId", app).get("/api/v1/attack/explorer")
                .then().statusCode(200).extract().asString()).get("tactics");
        List<Long> counts = new ArrayList<>();
        tactics.forEach(t -> {
            if (List.of("execution", "discovery").contains(t.get("id").asText())) {
                counts.add(t.get("count").asLong());
            }
        });
        return counts;
    }
}
