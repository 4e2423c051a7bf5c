package io.ward.policy;

import static io.ward.policy.Rules.BASE;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A revoked install token stops working everywhere once the last defender token minted from it expires:
 * lifetimes shortened (2 s, no skew) so the test sees it happen.
 */
@QuarkusTest
@TestProfile(DefenderTokenExpiryTest.ShortLivedTokens.class)
@QuarkusTestResource(LocalPostgresTestResource.class)
class DefenderTokenExpiryTest {

    /** Defender tokens live 2 s and expiry is exact. */
    public static class ShortLivedTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ward.auth.defender-token-lifetime", "2s", "mp.jwt.verify.clock.skew", "0");
        }
    }

    @Test
    void afterRevocationTheLastDefenderTokenDiesWithinItsLifetime() throws InterruptedException {
        String installToken = Api.installToken("expiring-app");
        String id = installToken.split("_")[1];
        String defender = Api.defenderToken(installToken);
        Api.as(defender).get(BASE + "/resolve?appId=expiring-app").then().statusCode(200);

        Api.asAdmin().delete("/api/v1/defenders/install-tokens/" + id).then().statusCode(204);
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("installToken", installToken)).post("/api/v1/auth/token").then().statusCode(401);

        Thread.sleep(3_000);
        Api.as(defender).get(BASE + "/resolve?appId=expiring-app").then().statusCode(401);
    }
}
