package io.ward.policy;

import static io.ward.policy.Api.tokenRequest;
import static io.ward.policy.ClientThrottleTest.INVALID;
import static io.ward.policy.ClientThrottleTest.assertIssued;
import static io.ward.policy.ClientThrottleTest.assertRefused;
import static io.ward.policy.ClientThrottleTest.assertThrottled;
import static io.ward.policy.ClientThrottleTest.password;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ward.localpg.LocalPostgresTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * X-Forwarded-For from a peer that is not a trusted proxy is ignored: with only 192.0.2.0/24 trusted, these requests
 * (from loopback) are all one client however they fill the header.
 */
@QuarkusTest
@TestProfile(UntrustedPeerTest.ProxyElsewhere.class)
@QuarkusTestResource(LocalPostgresTestResource.class)
class UntrustedPeerTest {

    public static class ProxyElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ward.auth.trusted-proxies", "192.0.2.0/24");
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        String user = Api.createUser("auditor");
        Map<String, String> accessKey = Api.accessKey("auditor");
        String installToken = Api.installToken("untrusted-peer-app");
        for (int i = 0; i < 20; i++) {
            assertRefused(401, INVALID, tokenRequest("198.51.100." + i, password("nobody-" + i, "wrong guess " + i)));
        }
        assertThrottled(tokenRequest("198.51.100.200", password(user, Api.USER_PASSWORD)));
        assertThrottled(tokenRequest("192.0.2.1", password(user, Api.USER_PASSWORD)));
        // Machine credentials are counted apart, so the locked-out peer still gets their tokens.
        assertIssued(tokenRequest("198.51.100.201", accessKey), accessKey.get("accessKeyId"));
        assertIssued(tokenRequest("198.51.100.202", Map.of("installToken", installToken)),
                "defender:" + installToken.split("_")[1]);
    }
}
