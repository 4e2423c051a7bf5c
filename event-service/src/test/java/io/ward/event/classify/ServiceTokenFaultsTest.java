package io.ward.event.classify;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.ward.event.classify.Neighbours.CLASSIFY;
import static io.ward.event.classify.Neighbours.TOKEN;
import static io.ward.event.classify.Neighbours.WITHIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ward.event.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * event-service's access key refused by policy-service, and its token refused by attack-mapper (WireMock plays
 * both): no audit is lost, the secret never reaches the log, and the key is exchanged again until it is accepted.
 */
@QuarkusTest
@TestProfile(NeighbourFaults.Profile.class)
class ServiceTokenFaultsTest {

    private WireMock wireMock;

    @BeforeEach
    void neighboursAnswer() throws InterruptedException {
        wireMock = Neighbours.reset();
        Neighbours.await("the backlog of earlier tests drained", WITHIN, () -> Neighbours.backlog() == 0);
    }

    /** policy-service's answers refusing a key: wrong or revoked (401), not allowed (403), throttled (429). */
    private static ResponseDefinitionBuilder refusal(int status) {
        return switch (status) {
            case 401 -> Neighbours.problem(401, "Unauthorized", "Invalid credentials.");
            case 403 -> Neighbours.problem(403, "Forbidden", "Your role does not allow this operation.");
            case 429 -> Neighbours.problem(429, "Too Many Requests", "Too many failed logins; try again later.")
                    .withHeader("Retry-After", "1");
            default -> throw new IllegalArgumentException("no refusal " + status);
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 429})
    void aRefusedAccessKeyLosesNoAuditLeaksNoSecretAndIsExchangedAgain(int status) throws InterruptedException {
        String app = Api.newAppId("refused");
        List<Map<String, Object>> audits = Neighbours.threeAudits(app);
        // attack-mapper refuses whatever token event-service still holds, so it must exchange its key again
        wireMock.register(post(urlEqualTo(CLASSIFY))
                .willReturn(Neighbours.problem(401, "Unauthorized", "A valid bearer token is required.")));
        wireMock.register(Neighbours.tokenExchange().willReturn(refusal(status)));
        int log = Neighbours.logMark();

        Neighbours.ingest(audits);
        Neighbours.await("the key exchanged again after " + status, WITHIN,
                () -> wireMock.find(postRequestedFor(urlEqualTo(TOKEN))).size() >= 3);
        Neighbours.assertUnclassifiedWhileTheFaultLasts(app, audits, log);
        // Every exchange sent the access key as policy-service expects it, and nothing else was asked for.
        assertEquals(wireMock.find(postRequestedFor(urlEqualTo(TOKEN))).size(),
                wireMock.find(RequestPatternBuilder.like(Neighbours.tokenExchange().build().getRequest())).size());

        String refused = Neighbours.serviceToken();
        String fresh = Neighbours.rotateServiceToken();
        wireMock.register(Neighbours.tokenExchange().willReturn(Neighbours.issued(fresh)));
        Neighbours.recoverAndAssertClassified(wireMock, app, audits, log);
        // Classified with the token of the accepted exchange; attack-mapper saw no other but the refused one.
        List<LoggedRequest> classifyCalls = Neighbours.inOrder(Neighbours.classifyRequests(wireMock));
        LoggedRequest answered = classifyCalls.get(classifyCalls.size() - 1);
        assertEquals("Bearer " + fresh, answered.getHeader("Authorization"));
        assertEquals(Api.tree(audits), Api.tree(answered.getBodyAsString()));
        classifyCalls.forEach(r -> assertTrue(List.of("Bearer " + refused, "Bearer " + fresh)
                .contains(r.getHeader("Authorization"))));
        assertFalse(Neighbours.logSince(0).stream().anyMatch(l -> l.contains(Api.config("ward.service-access-key.secret"))),
                "the access key's secret is not logged");
    }

    @Test
    void aTokenRefusedByAttackMapperIsReplacedByAFreshExchange() throws InterruptedException {
        String app = Api.newAppId("rotated");
        List<Map<String, Object>> audits = Neighbours.threeAudits(app);
        // The first classify call is refused (the token was revoked), every later one with the fresh token answered.
        wireMock.register(post(urlEqualTo(CLASSIFY)).inScenario("rotation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Neighbours.problem(401, "Unauthorized", "A valid bearer token is required."))
                .willSetStateTo("refused"));
        String fresh = Neighbours.rotateServiceToken();
        wireMock.register(Neighbours.classify().inScenario("rotation").whenScenarioStateIs("refused")
                .willReturn(Neighbours.json(200, Neighbours.seedClassification(audits))));
        wireMock.register(Neighbours.tokenExchange().willReturn(Neighbours.issued(fresh)));
        int log = Neighbours.logMark();

        Neighbours.ingest(audits);
        Neighbours.await("classified after one refusal", WITHIN, () -> Neighbours.expected(audits,
                Api.tree(Neighbours.SEED_ATTACK)).equals(Neighbours.stored(app)));

        List<LoggedRequest> calls = Neighbours.inOrder(wireMock.find(anyRequestedFor(anyUrl()))).stream()
                .filter(r -> !r.getUrl().endsWith("/jwks")).toList();
        // Refused, then the key exchanged, then the same batch sent again with the new token (a first exchange may
        // come before all when event-service held no token yet).
        List<String> urls = calls.stream().map(LoggedRequest::getUrl).toList();
        int refused = urls.indexOf(CLASSIFY);
        assertEquals(List.of(CLASSIFY, TOKEN, CLASSIFY), urls.subList(refused, urls.size()), urls.toString());
        assertEquals("Bearer " + fresh, calls.get(calls.size() - 1).getHeader("Authorization"));
        for (LoggedRequest call : calls.subList(refused, calls.size())) {
            if (call.getUrl().equals(CLASSIFY)) {
                assertEquals(Api.tree(audits), Api.tree(call.getBodyAsString()));
            }
        }
        // A retry within the call mended it: no outage.
        assertEquals(List.of(), Neighbours.wardWarnings(log));
    }
}
