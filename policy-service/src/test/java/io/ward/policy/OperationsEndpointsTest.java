package io.ward.policy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** OpenAPI completeness, readiness (database + change listener) and Prometheus metrics behind a token. */
@QuarkusTest
@QuarkusTestResource(LocalPostgresTestResource.class)
class OperationsEndpointsTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete");

    @Test
    void everyOperationHasSummaryTagResponsesAndExamples() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        int secured = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                if (operation.get("summary") == null) {
                    problems.add(where + ": no summary");
                }
                if (!(operation.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
                    problems.add(where + ": no tag");
                }
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                boolean bodyless = responses.keySet().stream().filter(c -> c.startsWith("2")).allMatch(c -> c.equals("204"));
                boolean exampled = responses.entrySet().stream().filter(r -> r.getKey().startsWith("2"))
                        .anyMatch(r -> r.getValue().toString().contains("examples"));
                if (!bodyless && !exampled) {
                    problems.add(where + ": no example response body");
                }
                if (operation.containsKey("requestBody") && !operation.get("requestBody").toString().contains("examples")) {
                    problems.add(where + ": no example request body");
                }
                if (operation.get("security") != null) {
                    secured++;
                    for (String code : List.of("401", "403")) {
                        if (!String.valueOf(responses.get(code)).contains("application/problem+json")) {
                            problems.add(where + ": " + code + " not documented as a problem");
                        }
                    }
                }
                for (var response : responses.entrySet()) {
                    Object content = response.getValue().get("content");
                    if (response.getKey().startsWith("4") && content instanceof Map<?, ?> types
                            && !types.keySet().equals(Set.of("application/problem+json"))) {
                        problems.add(where + " " + response.getKey() + ": error body is " + types.keySet());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(22, operations, "every endpoint is documented");
        assertEquals(20, secured, "operations behind a token (all but the token endpoint and JWKS)");
    }

    @Test
    void readinessCoversTheDatabaseAndTheChangeListener() {
        Map<String, Object> health = given().get("/q/health/ready").then().statusCode(200).extract().as(Map.class);
        assertEquals("UP", health.get("status"));
        Map<String, String> checks = ((List<Map<String, Object>>) health.get("checks")).stream()
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> (String) c.get("status")));
        assertEquals(Map.of("Database connections health check", "UP", "policy revision listener", "UP"), checks);
    }

    @Test
    void prometheusMetricsNeedATokenAndShowParkedPolls() {
        given().get("/q/metrics").then().statusCode(401);
        String metrics = Api.asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("\nward_policy_parked_polls "), "parked-poll gauge");
        assertTrue(metrics.contains("http_server_requests_seconds_count"), "request metrics");
    }
}
