package io.ward.localpg;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL: the one named by WARD_DB_URL (+ WARD_DB_USER/WARD_DB_PASSWORD)
 * when set, otherwise a throw-away local server that is stopped when the tests end.
 */
public class LocalPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres server;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("WARD_DB_URL");
        if (url != null && !url.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", System.getenv().getOrDefault("WARD_DB_USER", "postgres"),
                    "quarkus.datasource.password", System.getenv().getOrDefault("WARD_DB_PASSWORD", ""));
        }
        server = LocalPostgres.startTemporary();
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
