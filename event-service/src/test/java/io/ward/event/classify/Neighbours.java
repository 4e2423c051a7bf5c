package io.ward.event.classify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.ward.event.Api.as;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.ward.event.Api;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WireMock neighbours of {@link NeighbourFaults} as tests drive them: policy-service's token endpoint and
 * JWKS, attack-mapper's classify endpoint, the requests event-service sent them, tokens signed with the key the
 * JWKS publishes, event-service's backlog gauge and its log.
 */
final class Neighbours {

    static final String AUDITS = "/api/v1/audits/app-embedded";
    static final String CLASSIFY = "/api/v1/attack/classify";
    static final String TOKEN = "/api/v1/auth/token";
    /** event-service's log line when an outage starts, and when it ends. */
    static final String OUTAGE = "attack-mapper cannot classify audits now";
    static final String BACK = "attack-mapper answers again";
    static final Duration WITHIN = Duration.ofSeconds(30);
    /** What attack-mapper answers for the seed's {@code /bin/sh -c ls} (its ClassifyResource example). */
    static final String SEED_ATTACK = """
            [{"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},
             {"tactic":"discovery","techniqueId":"T1083","techniqueName":"File and Directory Discovery"}]""";

    private static final Pattern BACKLOG = Pattern.compile("(?m)^ward_audits_unclassified(?:\\{[^}]*\\})? ([0-9.Ee+]+)$");
    private static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
    private static String adminToken;
    private static String serviceToken;

    static {
        // Every record of event-service's log (INFO and up, DEBUG for io.ward.event), with its exception chain.
        java.util.logging.Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " "
                        + message(record));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                LOG.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private Neighbours() {
    }

    static WireMock wireMock() {
        return new WireMock("127.0.0.1", Integer.parseInt(Api.config("ward-test.wiremock-port")));
    }

    /** Forgets every stub and request, then serves policy-service's JWKS again (event-service verifies tokens by it). */
    static WireMock reset() {
        WireMock wireMock = wireMock();
        wireMock.resetRequests();
        wireMock.resetMappings();
        wireMock.register(get(urlEqualTo("/api/v1/auth/jwks"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Api.config("ward-test.jwks"))));
        return wireMock;
    }

    /** An admin's token for calling event-service, signed as policy-service signs (TokenIssuer). */
    static synchronized String admin() {
        if (adminToken == null) {
            adminToken = sign("admin", "admin");
        }
        return adminToken;
    }

    /**
     * The token the token endpoint stub issues now for event-service's access key (role auditor), which the
     * classify stub accepts. event-service keeps a token until it is refused, so it changes only by
     * {@link #rotateServiceToken}.
     */
    static synchronized String serviceToken() {
        if (serviceToken == null) {
            rotateServiceToken();
        }
        return serviceToken;
    }

    /** A new service token, from now on the one issued and accepted. */
    static synchronized String rotateServiceToken() {
        serviceToken = sign(Api.config("ward.service-access-key.id"), "auditor");
        return serviceToken;
    }

    private static String sign(String subject, String role) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Api.config("ward-test.signing-key"))));
            return Jwt.issuer("ward").subject(subject).upn(subject).groups(Set.of(role)).expiresIn(3600)
                    .claim("jti", UUID.randomUUID().toString())
                    .jws().keyId(Api.config("ward-test.signing-kid")).algorithm(SignatureAlgorithm.RS256).sign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token endpoint for event-service's access key, as policy-service matches it. */
    static MappingBuilder tokenExchange() {
        return post(urlEqualTo(TOKEN)).withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(equalToJson(Api.JSON.createObjectNode()
                        .put("accessKeyId", Api.config("ward.service-access-key.id"))
                        .put("secret", Api.config("ward.service-access-key.secret")).toString()));
    }

    /** policy-service's answer to a good access key (AuthResource.token: TokenResponse). */
    static ResponseDefinitionBuilder issued(String token) {
        return json(200, Api.JSON.createObjectNode().put("token", token)
                .put("expiresAt", Instant.now().plus(Duration.ofHours(1)).toString()).toString());
    }

    /** A problem-details answer as the services' kit (http-problems) writes it. */
    static ResponseDefinitionBuilder problem(int status, String title, String detail) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(Api.JSON.createObjectNode().put("type", "about:blank").put("title", title)
                        .put("status", status).put("detail", detail).toString());
        return status == 401 ? response.withHeader("WWW-Authenticate", "Bearer") : response;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** attack-mapper's classify endpoint, for requests carrying the service token. */
    static MappingBuilder classify() {
        return post(urlEqualTo(CLASSIFY)).withHeader("Authorization", equalTo("Bearer " + serviceToken()));
    }

    /** attack-mapper's correct answer (ClassifyResult per audit, in request order): the seed's techniques for each. */
    static String seedClassification(List<Map<String, Object>> audits) {
        var reply = Api.JSON.createArrayNode();
        audits.forEach(a -> reply.addObject().put("id", (String) a.get("id")).set("attack", Api.tree(SEED_ATTACK)));
        return reply.toString();
    }

    static List<LoggedRequest> classifyRequests(WireMock wireMock) {
        return wireMock.find(postRequestedFor(urlEqualTo(CLASSIFY)));
    }

    /** {@code requests} oldest first. */
    static List<LoggedRequest> inOrder(List<LoggedRequest> requests) {
        List<LoggedRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return sorted;
    }

    /**
     * Every classify request event-service sent: POST, JSON, the service token, and a body that is exactly
     * {@code audits} (the audits still unclassified) in the contract's shape, oldest first.
     */
    static void assertClassifyRequests(WireMock wireMock, List<Map<String, Object>> audits) {
        List<LoggedRequest> sent = classifyRequests(wireMock);
        if (sent.isEmpty()) {
            throw new AssertionError("event-service sent attack-mapper nothing");
        }
        JsonNode expected = Api.tree(audits);
        for (LoggedRequest request : sent) {
            assertEquals("POST", request.getMethod().getName());
            assertEquals("Bearer " + serviceToken(), request.getHeader("Authorization"));
            assertEquals("application/json", request.getHeader("Content-Type").split(";")[0].trim());
            assertEquals(expected, Api.tree(request.getBodyAsString()), "the batch sent to attack-mapper");
        }
    }

    /** The stored audits of {@code app}, newest first, as GET returns them (without receivedAt). */
    static List<JsonNode> stored(String app) {
        List<JsonNode> items = new ArrayList<>();
        Api.tree(as(admin()).queryParam("appId", app).queryParam("limit", 500).get(AUDITS).then().statusCode(200)
                .extract().asString()).get("items").forEach(i -> items.add(((ObjectNode) i).without("receivedAt")));
        return items;
    }

    /** Three seed audits of {@code app}, oldest first, older than anything a test ingests after them. */
    static List<Map<String, Object>> threeAudits(String app) {
        Instant t = Api.now().minusSeconds(60);
        return List.of(processAudit(app, t, "/bin/sh -c ls"), processAudit(app, t.plusSeconds(1), "/bin/sh -c ls -la"),
                processAudit(app, t.plusSeconds(2), "/bin/sh -c ls /etc"));
    }

    static void ingest(List<Map<String, Object>> audits) {
        Api.assertJson("{\"accepted\":" + audits.size() + ",\"duplicates\":0}",
                as(admin()).body(audits).post(AUDITS).then().statusCode(200).extract().asString());
    }

    /**
     * While attack-mapper fails: every audit is stored as posted without techniques, the backlog gauge counts them,
     * and event-service logged the outage once.
     */
    static void assertUnclassifiedWhileTheFaultLasts(String app, List<Map<String, Object>> audits, int log)
            throws InterruptedException {
        assertEquals(expected(audits, null), stored(app));
        await("the backlog gauge shows " + audits.size(), WITHIN, () -> backlog() == audits.size());
        // Once, not per call or retry, and nothing else of event-service's warns.
        List<String> warnings = wardWarnings(log);
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains(OUTAGE), warnings.get(0));
    }

    /** attack-mapper answers correctly again: the backlog drains into exactly its answer, the return is logged once. */
    static void recoverAndAssertClassified(WireMock wireMock, String app, List<Map<String, Object>> audits, int log)
            throws InterruptedException {
        wireMock.register(classify().willReturn(json(200, seedClassification(audits))));
        List<JsonNode> classified = expected(audits, Api.tree(SEED_ATTACK));
        await("the backlog classified as attack-mapper answered", WITHIN,
                () -> classified.equals(stored(app)));
        await("the backlog gauge drains", WITHIN, () -> backlog() == 0);
        assertEquals(1, wardWarnings(log).size(), String.join("\n", wardWarnings(log)));
        assertEquals(1, logSince(log, BACK).size());
    }

    /** event-service's own log records at WARN and above since {@code mark}. */
    static List<String> wardWarnings(int mark) {
        return logSince(mark).stream()
                .filter(l -> l.matches("(?s)(WARN|WARNING|ERROR|SEVERE|FATAL) io\\.ward\\..*")).toList();
    }

    /** The audits as GET returns them, newest first, with {@code attack}. */
    static List<JsonNode> expected(List<Map<String, Object>> audits, JsonNode attack) {
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, Object> audit : audits) {
            ObjectNode stored = (ObjectNode) Api.tree(audit);
            stored.set("attack", attack);
            out.add(0, stored);
        }
        return out;
    }

    /**
     * The backlog gauge event-service exports, or -1 while it is not exported yet: the classifier registers it when it
     * is first used (its scheduled run starts 1 s after start-up), so a fresh app may not export it yet. Callers wait
     * for a value.
     */
    static double backlog() {
        String metrics = as(admin()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = BACKLOG.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** How many log records so far; pass it to {@link #logSince}. */
    static int logMark() {
        return LOG.size();
    }

    static List<String> logSince(int mark) {
        List<String> all = new ArrayList<>(LOG);
        return all.subList(mark, all.size());
    }

    static List<String> logSince(int mark, String containing) {
        return logSince(mark).stream().filter(l -> l.contains(containing)).toList();
    }

    private static String message(LogRecord record) {
        try {
            // JBoss LogManager's records (Logger.warnf …) format themselves
            return (String) record.getClass().getMethod("getFormattedMessage").invoke(record);
        } catch (ReflectiveOperationException e) {
            return record.getMessage();
        }
    }
}
