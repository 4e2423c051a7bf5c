package io.ward.deploy.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ward up's front door sends each path the contract names to its part, built from the one table (ConsoleRoutes). */
class FrontDoorRoutesTest {

    private static final List<FrontDoor.Route> ROUTES = FrontDoor.contractRoutes("policy", "event", "attack", "console");

    @Test
    void everyPathOfTheContractReachesItsPart() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/api/v1/auth/token", "policy");
        expected.put("/api/v1/auth/jwks", "policy");
        expected.put("/api/v1/policies/runtime/app-embedded", "policy");
        expected.put("/api/v1/policies/runtime/app-embedded/resolve", "policy");
        expected.put("/api/v1/defenders/install-tokens", "policy");
        expected.put("/api/v1/defenders/install-tokens/0b6c1f3e", "policy");
        expected.put("/api/v1/audits/app-embedded", "event");
        expected.put("/api/v1/audits/app-embedded/count", "event");
        expected.put("/api/v1/defenders", "event");
        expected.put("/api/v1/defenders/heartbeat", "event");
        expected.put("/api/v1/attack/explorer", "event");
        expected.put("/api/v1/attack/classify", "attack");
        expected.put("/api/v1/attack/catalog", "attack");
        expected.put("/", "console");
        expected.put("/audits", "console");
        expected.put("/rules/Org%20App-Embedded", "console");
        expected.put("/apix", "console");
        // the front door's own 404 problem: an API path no part serves
        expected.put("/api", null);
        expected.put("/api/v1/unknown", null);
        expected.put("/api/v1/defendersx", null);
        expected.put("/api/v1/attack", null);

        Map<String, String> routed = new LinkedHashMap<>();
        expected.keySet().forEach(path -> routed.put(path, upstreamOf(path)));
        assertEquals(expected, routed);
    }

    private static String upstreamOf(String path) {
        return ROUTES.stream().filter(r -> r.matches(path)).map(FrontDoor.Route::upstream).findFirst().orElse(null);
    }
}
