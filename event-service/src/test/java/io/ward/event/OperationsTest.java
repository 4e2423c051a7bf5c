package io.ward.event;

import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health with the database check, the OpenAPI document, and Prometheus metrics behind a token. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        assertJson("""
                {"status":"UP","checks":[{"name":"Database connections health check","status":"UP",
                 "data":{"<default>":"UP"}}]}""",
                RestAssured.given().get("/q/health/ready").then().statusCode(200).extract().asString());
    }

    @Test
    void theOpenApiDocumentDescribesEveryOperation() {
        String doc = RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        var paths = Api.tree(doc).get("paths");
        for (String[] op : new String[][] {
                {"/api/v1/audits/app-embedded", "post", "Store a batch of audits"},
                {"/api/v1/audits/app-embedded", "get", "List audits newest first, or export them as CSV"},
                {"/api/v1/audits/app-embedded/count", "get", "Count audits matching the filters"},
                {"/api/v1/defenders/heartbeat", "post", "Record a defender heartbeat"},
                {"/api/v1/defenders", "get", "List defenders, most recently seen first"},
                {"/api/v1/attack/explorer", "get", "Count audits per ATT&CK tactic and technique"}}) {
            assertTrue(paths.path(op[0]).path(op[1]).path("summary").asText().equals(op[2]), op[0] + " " + op[1]);
        }
    }

    /** The kit's OpenAPI filter: every operation behind a token documents its 401 and 403 as problem details. */
    @Test
    void theOpenApiDocumentDescribesErrorAnswersAsProblems() {
        var doc = Api.tree(RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        int secured = 0;
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            var item = path.next();
            for (var op = item.getValue().fields(); op.hasNext(); ) {
                var operation = op.next();
                if (!operation.getValue().has("security")) {
                    continue;
                }
                secured++;
                for (String code : new String[] {"401", "403"}) {
                    assertEquals("#/components/schemas/Problem", operation.getValue().path("responses").path(code)
                            .path("content").path("application/problem+json").path("schema").path("$ref").asText(),
                            operation.getKey() + " " + item.getKey() + " " + code);
                }
            }
        }
        assertEquals(6, secured, "operations behind a token");
        assertTrue(doc.path("components").path("schemas").path("Problem").path("properties").has("errors"));
    }

    @Test
    void metricsNeedATokenAndShowTheBacklog() {
        // One stored audit, so the ingestion counters exist whichever test class ran first.
        asAdmin().body(List.of(processAudit(Api.newAppId("ops"), Api.now(), "/bin/sh -c ls")))
                .post("/api/v1/audits/app-embedded").then().statusCode(200);
        RestAssured.given().get("/q/metrics").then().statusCode(401);
        String metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("# HELP ward_audits_unclassified Stored audits waiting for ATT&CK classification"),
                metrics);
        assertTrue(metrics.contains("ward_audits_accepted_total"), "ingestion counter");
    }
}
