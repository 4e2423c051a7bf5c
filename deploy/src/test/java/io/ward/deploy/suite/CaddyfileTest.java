package io.ward.deploy.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The front door routes exactly the contract's path prefixes, and the rest to the web console; it names the real client to the services. */
class CaddyfileTest {

    @Test
    void routesTheContractPrefixesWithTlsForTheFqdn() {
        assertEquals("""
                ward-x.westeurope.azurecontainer.io {
                \tencode gzip
                \thandle /api/v1/auth/* {
                \t\treverse_proxy 127.0.0.1:8081
                \t}
                \thandle /api/v1/policies/* {
                \t\treverse_proxy 127.0.0.1:8081
                \t}
                \thandle /api/v1/defenders/install-tokens* {
                \t\treverse_proxy 127.0.0.1:8081
                \t}
                \thandle /api/v1/audits/* {
                \t\treverse_proxy 127.0.0.1:8082
                \t}
                \thandle /api/v1/defenders* {
                \t\treverse_proxy 127.0.0.1:8082
                \t}
                \thandle /api/v1/attack/explorer* {
                \t\treverse_proxy 127.0.0.1:8082
                \t}
                \thandle /api/v1/attack/* {
                \t\treverse_proxy 127.0.0.1:8083
                \t}
                \thandle /api/* {
                \t\treverse_proxy 127.0.0.1:8081
                \t}
                \thandle {
                \t\treverse_proxy 127.0.0.1:8084
                \t}
                }
                """, Caddyfile.render("ward-x.westeurope.azurecontainer.io"));
    }

    @Test
    void noClientIsTrustedToNameItselfInXForwardedFor() {
        String caddyfile = Caddyfile.render("ward-x.westeurope.azurecontainer.io");
        // Either would let a client's own X-Forwarded-For through to the login throttle.
        assertFalse(caddyfile.contains("trusted_proxies"), caddyfile);
        assertFalse(caddyfile.contains("X-Forwarded-For"), caddyfile);
        assertFalse(caddyfile.contains("header_up"), caddyfile);
    }
}
