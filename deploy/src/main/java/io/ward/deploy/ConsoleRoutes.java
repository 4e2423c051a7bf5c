package io.ward.deploy;

import java.util.List;

/**
 * The console's one routing table ("One front door" in the architecture): which part serves which API path prefix.
 * Both front doors are built from it: {@code ward up}'s {@code FrontDoor} and the suite's Caddyfile. Every path
 * outside {@code /api/} goes to the web console.
 */
public final class ConsoleRoutes {

    /** The parts that serve API paths (the web console serves every other path). */
    public enum Part { POLICY_SERVICE, EVENT_SERVICE, ATTACK_MAPPER }

    /**
     * Paths below {@code prefix} go to {@code part}; with {@code bareToo} also the prefix itself, which is then a
     * resource of its own ({@code GET /api/v1/defenders}).
     */
    public record ApiRoute(String prefix, boolean bareToo, Part part) {

        public boolean matches(String path) {
            return (bareToo && path.equals(prefix)) || path.startsWith(prefix + "/");
        }
    }

    /** Most specific first: the first route that matches a path serves it. */
    public static final List<ApiRoute> API = List.of(
            new ApiRoute("/api/v1/auth", false, Part.POLICY_SERVICE),
            new ApiRoute("/api/v1/policies", false, Part.POLICY_SERVICE),
            new ApiRoute("/api/v1/defenders/install-tokens", true, Part.POLICY_SERVICE),
            new ApiRoute("/api/v1/audits", false, Part.EVENT_SERVICE),
            new ApiRoute("/api/v1/defenders", true, Part.EVENT_SERVICE),
            new ApiRoute("/api/v1/attack/explorer", true, Part.EVENT_SERVICE),
            new ApiRoute("/api/v1/attack", false, Part.ATTACK_MAPPER));

    /** Whether a path belongs to the API (an unknown one is a 404 problem) rather than to the web console. */
    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private ConsoleRoutes() {
    }
}
