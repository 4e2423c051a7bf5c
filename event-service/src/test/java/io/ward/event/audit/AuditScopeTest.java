package io.ward.event.audit;

import static io.ward.event.Api.as;
import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.ward.event.Api;
import io.ward.event.WardStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may write and read audits: a defender only its own app's audits; people with a role read; nobody anonymous. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class AuditScopeTest {

    private static final String PATH = "/api/v1/audits/app-embedded";

    @Test
    void aDefenderWritesOnlyItsOwnAppsAudits() {
        String app = Api.newAppId("own");
        String other = Api.newAppId("other");
        String defender = Api.defenderToken(app);
        Map<String, Object> mine = processAudit(app, Api.now(), "/bin/sh -c ls");
        assertJson("{\"accepted\":1,\"duplicates\":0}",
                as(defender).body(List.of(mine)).post(PATH).then().statusCode(200).extract().asString());

        Map<String, Object> mine2 = processAudit(app, Api.now(), "/bin/sh -c id");
        Map<String, Object> theirs = processAudit(other, Api.now(), "/bin/sh -c ls");
        assertJson("""
                {"type":"about:blank","title":"Forbidden","status":403,
                 "detail":"[1].appId is '%s' but this defender token may only write for app '%s'",
                 "errors":[{"field":"[1].appId","message":"must be this defender's own app id"}]}""".formatted(other, app),
                as(defender).body(List.of(mine2, theirs)).post(PATH).then().statusCode(403).extract().asString());
        assertJson("{\"count\":1}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", other).get(PATH + "/count").then().extract().asString());

        as(defender).get(PATH).then().statusCode(403);
        as(defender).get("/api/v1/attack/explorer").then().statusCode(403);
    }

    @Test
    void readersCannotWriteAndAnonymousCallersGetNothing() {
        String app = Api.newAppId("ro");
        as(Api.auditorToken()).body(List.of(processAudit(app, Api.now(), "/bin/sh -c ls"))).post(PATH)
                .then().statusCode(403);
        as(Api.auditorToken()).queryParam("appId", app).get(PATH).then().statusCode(200);
        RestAssured.given().contentType("application/json").body(List.of(processAudit(app, Api.now(), "ls")))
                .post(PATH).then().statusCode(401);
        RestAssured.given().get(PATH).then().statusCode(401);
        as("not-a-token").get(PATH).then().statusCode(401);
        assertJson("{\"count\":0}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
    }
}
