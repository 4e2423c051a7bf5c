package io.ward.event;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real Ward around event-service for tests: one real PostgreSQL shared by all, the built policy-service
 * (tokens, JWKS, the access key event-service uses) and the built attack-mapper, each as its own process.
 * Tests reach policy-service through the {@code ward-test.*} config values; a test that needs to stop and
 * restart attack-mapper declares a field {@code Consumer<Boolean> attackMapperRunning}.
 */
public class WardStack implements QuarkusTestResourceLifecycleManager {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPostgres pg;
    private LocalService policyService;
    private volatile LocalService attackMapper;
    private int attackMapperPort;
    private Map<String, String> attackMapperEnv;

    @Override
    public Map<String, String> start() {
        Path home = LocalService.wardHome();
        Path logs = home.resolve("event-service/target/ward-stack");
        pg = LocalPostgres.startTemporary();
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        Map<String, String> policyEnv = new HashMap<>(LocalService.databaseEnv(pg));
        policyEnv.put("WARD_ADMIN_PASSWORD", adminPassword);
        // Test-strength password hashing, as policy-service's own tests use: 600,000 iterations per login is slow here.
        policyEnv.put("WARD_AUTH_HASH_ITERATIONS", "10000");
        policyService = LocalService.start(home, "policy-service", LocalService.freePort(), policyEnv,
                logs.resolve("policy-service.log"), READY);
        String policyUrl = policyService.baseUrl();
        String jwks = policyUrl + "/api/v1/auth/jwks";

        String adminToken = post(policyUrl + "/api/v1/auth/token", Map.of("username", "admin", "password", adminPassword), null)
                .get("token").asText();
        JsonNode key = post(policyUrl + "/api/v1/auth/access-keys",
                Map.of("role", "auditor", "description", "event-service tests: classification calls"), adminToken);

        attackMapperEnv = new HashMap<>();
        attackMapperEnv.put("WARD_JWKS_URL", jwks);
        attackMapperPort = LocalService.freePort();
        attackMapper = startAttackMapper(home, logs);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        config.put("quarkus.datasource.username", pg.username());
        config.put("quarkus.datasource.password", pg.password());
        config.put("mp.jwt.verify.publickey.location", jwks);
        config.put("ward.policy-service.url", policyUrl);
        config.put("ward.attack-mapper.url", attackMapper.baseUrl());
        config.put("ward.service-access-key.id", key.get("id").asText());
        config.put("ward.service-access-key.secret", key.get("secret").asText());
        config.put("ward-test.policy-url", policyUrl);
        config.put("ward-test.admin-password", adminPassword);
        config.put("ward-test.jdbc-url", pg.jdbcUrl());
        config.put("ward-test.jdbc-user", pg.username());
        config.put("ward-test.jdbc-password", pg.password());
        return config;
    }

    private LocalService startAttackMapper(Path home, Path logs) {
        return LocalService.start(home, "attack-mapper", attackMapperPort, attackMapperEnv,
                logs.resolve("attack-mapper.log"), READY);
    }

    /**
     * Hands tests a switch for the attack-mapper process. It is a JDK type on purpose: tests and test resources
     * may be loaded by different class loaders, and only JDK types are the same class in both.
     */
    @Override
    public void inject(TestInjector injector) {
        Consumer<Boolean> attackMapperRunning = running -> {
            if (running && !attackMapper.isAlive()) {
                Path home = LocalService.wardHome();
                attackMapper = startAttackMapper(home, home.resolve("event-service/target/ward-stack"));
            } else if (!running) {
                attackMapper.close();
            }
        };
        injector.injectIntoFields(attackMapperRunning, f -> f.getName().equals("attackMapperRunning")
                && f.getType().equals(Consumer.class));
    }

    @Override
    public void stop() {
        if (attackMapper != null) {
            attackMapper.close();
        }
        if (policyService != null) {
            policyService.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static JsonNode post(String url, Map<String, String> body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
