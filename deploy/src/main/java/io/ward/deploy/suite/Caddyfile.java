package io.ward.deploy.suite;

import io.ward.deploy.ConsoleRoutes;

/**
 * The front door's Caddyfile: TLS for the group's FQDN (automatic HTTPS), the path prefixes of {@link ConsoleRoutes}
 * routed to the three services, which share the group's localhost, any other API path to policy-service (its 404 problem) and
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
        StringBuilder caddyfile = new StringBuilder(fqdn).append(" {\n\tencode gzip\n");
        for (ConsoleRoutes.ApiRoute route : ConsoleRoutes.API) {
            // "prefix*" also takes the bare prefix (and, unlike the table, "prefixX": a 404 there either way)
            caddyfile.append(handle(route.prefix() + (route.bareToo() ? "*" : "/*"), port(route.part())));
        }
        return caddyfile.append(handle("/api/*", SuiteDeployment.POLICY_PORT)) // its 404 problem
                .append("\thandle {\n\t\treverse_proxy 127.0.0.1:").append(SuiteDeployment.CONSOLE_PORT).append("\n\t}\n")
                .append("}\n").toString();
    }

    private static int port(ConsoleRoutes.Part part) {
        return switch (part) {
            case POLICY_SERVICE -> SuiteDeployment.POLICY_PORT;
            case EVENT_SERVICE -> SuiteDeployment.EVENT_PORT;
            case ATTACK_MAPPER -> SuiteDeployment.ATTACK_PORT;
        };
    }

    private static String handle(String path, int port) {
        return "\thandle " + path + " {\n\t\treverse_proxy 127.0.0.1:" + port + "\n\t}\n";
    }
}
