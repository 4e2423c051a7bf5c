package io.ward.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real policy-service (built) on a real PostgreSQL, for the console's sign-in tests. */
public class PolicyServiceStack implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_PASSWORD = "console-test-" + UUID.randomUUID();

    private LocalPostgres pg;
    private LocalService policyService;

    @Override
    public Map<String, String> start() {
        Path home = LocalService.wardHome();
        pg = LocalPostgres.startTemporary();
        Map<String, String> env = new HashMap<>(LocalService.databaseEnv(pg));
        env.put("WARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Test-strength password hashing, as policy-service's own tests use.
        env.put("WARD_AUTH_HASH_ITERATIONS", "10000");
        policyService = LocalService.start(home, "policy-service", LocalService.freePort(), env,
                home.resolve("web-console/target/policy-service.log"), Duration.ofSeconds(120));
        return Map.of("quarkus.rest-client.policy-service.url", policyService.baseUrl());
    }

    @Override
    public void stop() {
        if (policyService != null) {
            policyService.close();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
