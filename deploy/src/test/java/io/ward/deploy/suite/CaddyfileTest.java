package io.ward.deploy.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The front door routes exactly the contract's path prefixes, and the rest to the web console. */
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
}
