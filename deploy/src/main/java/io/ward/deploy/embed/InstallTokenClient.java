package io.ward.deploy.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Mints a defender install token for one app id at the console: logs in with a user or an access key
 * ({@code POST /api/v1/auth/token}) and asks for {@code POST /api/v1/defenders/install-tokens {"appId"}}.
 */
public final class InstallTokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public InstallTokenClient(String console) {
        this.console = console;
    }

    /** The login body from WARD_USER/WARD_PASSWORD or WARD_ACCESS_KEY_ID/WARD_ACCESS_KEY_SECRET. */
    public static Map<String, String> loginFromEnvironment(Map<String, String> env) {
        if (env.get("WARD_ACCESS_KEY_ID") != null && env.get("WARD_ACCESS_KEY_SECRET") != null) {
            return Map.of("accessKeyId", env.get("WARD_ACCESS_KEY_ID"), "secret", env.get("WARD_ACCESS_KEY_SECRET"));
        }
        if (env.get("WARD_USER") != null && env.get("WARD_PASSWORD") != null) {
            return Map.of("username", env.get("WARD_USER"), "password", env.get("WARD_PASSWORD"));
        }
        throw new CliException(ExitCode.USAGE, "--mint-token needs a console login: set WARD_USER and WARD_PASSWORD,"
                + " or WARD_ACCESS_KEY_ID and WARD_ACCESS_KEY_SECRET");
    }

    public String mint(Map<String, String> login, String appId) {
        String jwt = post("/api/v1/auth/token", login, null).path("token").asText(null);
        if (jwt == null) {
            throw new CliException(ExitCode.FAILED, "the console's login reply has no token");
        }
        String token = post("/api/v1/defenders/install-tokens", Map.of("appId", appId), jwt).path("token").asText(null);
        if (token == null) {
            throw new CliException(ExitCode.FAILED, "the console's install-token reply has no token");
        }
        return token;
    }

    private JsonNode post(String path, Map<String, String> body, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console + path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new CliException(ExitCode.AUTH, "the console refused " + path + " (" + status + ")"
                        + detail(response.body()) + "; check the login and that it may mint install tokens (admin or operator)");
            }
            if (status / 100 != 2) {
                throw new CliException(ExitCode.FAILED, "the console answered " + status + " to " + path + detail(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot reach the console at " + console + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while talking to the console");
        }
    }

    /** The problem-details {@code detail} of an error reply, if any (never echoes the request). */
    private static String detail(byte[] body) {
        try {
            String detail = JSON.readTree(body).path("detail").asText("");
            return detail.isEmpty() ? "" : ": " + detail;
        } catch (IOException e) {
            return "";
        }
    }
}
