package io.ward.policy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WARD_SERVICE_ACCESS_KEY_ID/_SECRET given at start become a read-only (auditor) access key that logs in. */
@QuarkusTest
@TestProfile(ServiceKeyBootstrapTest.WithServiceKey.class)
@QuarkusTestResource(LocalPostgresTestResource.class)
class ServiceKeyBootstrapTest {

    static final String KEY_ID = "ward-suite-test0001";
    static final String SECRET = "s3rvice-key-secret-of-at-least-32-characters";

    /** The deployer's generated pair, as `ward suite deploy` and `ward up` pass it. */
    public static class WithServiceKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ward.service-access-key.id", KEY_ID, "ward.service-access-key.secret", SECRET);
        }
    }

    @Test
    void theServiceKeyExistsWithRoleAuditorAndCannotWrite() {
        List<Map<String, Object>> listed = Api.asAdmin().get("/api/v1/auth/access-keys").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.id == '" + KEY_ID + "' }");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("auditor", listed.get(0).get("role"));
        assertEquals("Ward services (WARD_SERVICE_ACCESS_KEY_ID)", listed.get(0).get("description"));
        assertEquals("bootstrap", listed.get(0).get("createdBy"));

        String token = given().contentType(ContentType.JSON).body(Map.of("accessKeyId", KEY_ID, "secret", SECRET))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("token");
        JsonNode claims = Api.jwtPart(token, 1);
        assertEquals(KEY_ID, claims.get("sub").asText());
        assertEquals("[\"auditor\"]", claims.get("groups").toString());

        Api.as(token).get("/api/v1/policies/runtime/app-embedded").then().statusCode(200);
        Api.as(token).contentType(ContentType.JSON).body(Map.of("appId", "any-app"))
                .post("/api/v1/defenders/install-tokens").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("accessKeyId", KEY_ID, "secret", SECRET + "x"))
                .post("/api/v1/auth/token").then().statusCode(401);
    }
}
