package io.ward.deploy.suite;

/**
 * The front door's Caddyfile: TLS for the group's FQDN (automatic HTTPS), the contract's path prefixes routed to
 * the three services, which share the group's localhost, any other API path to policy-service (its 404 problem) and
 * everything else to the web console. Caddy orders {@code handle} blocks by path specificity, so
 * {@code /api/v1/defenders/install-tokens*} wins over {@code /api/v1/defenders*}.
 *
 * <p>No {@code trusted_proxies} on purpose: Caddy (2.5 and later) then trusts no client's X-Forwarded-For and sets
 * the header to the address of the connection it accepted, which policy-service (trusting loopback, where Caddy
 * reaches it) uses to throttle failed logins per client.
 */
public final class Caddyfile {

    private Caddyfile() {
    }

    public static String render(String fqdn) {
        return fqdn + " {\n"
                + "\tencode gzip\n"
                + route("/api/v1/auth/*", SuiteDeployment.POLICY_PORT)
                + route("/api/v1/policies/*", SuiteDeployment.POLICY_PORT)
                + route("/api/v1/defenders/install-tokens*", SuiteDeployment.POLICY_PORT)
                + route("/api/v1/audits/*", SuiteDeployment.EVENT_PORT)
                + route("/api/v1/defenders*", SuiteDeployment.EVENT_PORT)
                + route("/api/v1/attack/explorer*", SuiteDeployment.EVENT_PORT)
                + route("/api/v1/attack/*", SuiteDeployment.ATTACK_PORT)
                + route("/api/*", SuiteDeployment.POLICY_PORT)
                + "\thandle {\n\t\treverse_proxy 127.0.0.1:" + SuiteDeployment.CONSOLE_PORT + "\n\t}\n"
                + "}\n";
    }

    private static String route(String path, int port) {
        return "\thandle " + path + " {\n\t\treverse_proxy 127.0.0.1:" + port + "\n\t}\n";
    }
}
