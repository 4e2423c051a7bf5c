package io.ward.deploy.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `ward embed --mint-token` against the real policy-service on a real PostgreSQL: the CLI runs as its own process
 * (it reads WARD_USER/WARD_PASSWORD from its environment), and the minted token must work for the defender.
 */
class MintTokenTest {

    private static final String ADMIN_PASSWORD = "mint-test-admin-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalPostgres pg;
    static LocalService policy;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPolicyService() throws IOException {
        Path home = LocalService.wardHome();
        assumeTrue(Files.isRegularFile(LocalService.quarkusRunJar(home, "policy-service")),
                "policy-service is not built (the reactor builds it before deploy)");
        pg = LocalPostgres.startTemporary();
        Map<String, String> env = new java.util.HashMap<>(LocalService.databaseEnv(pg));
        env.put("WARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Path log = Path.of("target/mint-test-policy-service.log");
        policy = LocalService.start(home, "policy-service", LocalService.freePort(), env, log, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (policy != null) {
            policy.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void mintsAnInstallTokenScopedToTheAppIdThatTheDefenderCanExchange() throws Exception {
        Result run = ward(Map.of("WARD_USER", "admin", "WARD_PASSWORD", ADMIN_PASSWORD));

        assertEquals(0, run.exitCode, run.output);
        assertFalse(run.output.contains(ADMIN_PASSWORD), "the password is never printed");
        String token;
        try (ZipFile zip = ZipFile.builder().setPath(dir.resolve("app_embedded_embed_webadmin-aci.zip")).get()) {
            token = new String(zip.getInputStream(zip.getEntry("ward-defender.token")).readAllBytes(), StandardCharsets.UTF_8);
            String conf = new String(zip.getInputStream(zip.getEntry("ward-defender.conf")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(conf.contains("token-file=/etc/ward/token\n"), conf);
        }
        assertTrue(token.matches("wdt_[A-Za-z0-9-]+_[A-Za-z0-9_-]{20,}"), "an install token: " + token.length() + " chars");
        assertFalse(run.output.contains(token), "the minted token is never printed");

        HttpResponse<String> exchange = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(policy.baseUrl() + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("installToken", token)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, exchange.statusCode(), exchange.body());
        JsonNode jwt = JSON.readTree(exchange.body());
        String[] parts = jwt.get("token").asText().split("\\.");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("webadmin-aci", claims.get("appId").asText(), "the token acts for exactly this app id");
        assertEquals("[\"defender\"]", claims.get("groups").toString());
    }

    @Test
    void aWrongPasswordIsExitCode3AndWritesNothing() throws Exception {
        Result run = ward(Map.of("WARD_USER", "admin", "WARD_PASSWORD", "not-the-password"));

        assertEquals(3, run.exitCode, run.output);
        assertTrue(run.output.contains("ward: POST /api/v1/auth/token failed (401)"), run.output);
        assertFalse(run.output.contains("not-the-password"));
        assertFalse(Files.exists(dir.resolve("app_embedded_embed_webadmin-aci.zip")));
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the CLI as a child JVM with {@code env}, like a user at a shell. */
    private Result ward(Map<String, String> env) throws IOException, InterruptedException {
        Path dockerfile = Files.writeString(dir.resolve("Dockerfile"),
                "FROM python:3\nUSER antitree:antitree\nENTRYPOINT [ \"python\" ]\nCMD [ \"app.py\" ]\n");
        Path binary = Files.writeString(dir.resolve("ward-defender"), "defender");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ward.deploy.WardCommand", "embed",
                "--app-id", "webadmin-aci", "--console", policy.baseUrl(), "--mint-token",
                "--defender-binary", binary.toString(), "--output-dir", dir.toString(), dockerfile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
