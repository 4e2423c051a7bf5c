package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.tls.ConsoleCa;

import java.net.URI;
import java.util.Map;

/**
 * Mints a defender install token for one app id at the console: logs in with a user or an access key
 * ({@code POST /api/v1/auth/token}) and asks for {@code POST /api/v1/defenders/install-tokens {"appId"}}.
 */
public final class InstallTokenClient {

    private final String console;
    private final ConsoleCa ca;

    /** {@code ca}: the console's own CA, trusted besides the system's; null for none. */
    public InstallTokenClient(String console, ConsoleCa ca) {
        this.console = console;
        this.ca = ca;
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
        URI base = URI.create(console);
        ConsoleClient client = login.containsKey("accessKeyId")
                ? ConsoleClient.loginWithAccessKey(base, ca, login.get("accessKeyId"), login.get("secret"))
                : ConsoleClient.login(base, ca, login.get("username"), login.get("password"));
        String token = client.post("/api/v1/defenders/install-tokens",
                ConsoleClient.JSON.createObjectNode().put("appId", appId)).path("token").asText("");
        if (token.isEmpty()) {
            throw new CliException(ExitCode.FAILED, "the console's install-token reply has no token");
        }
        return token;
    }
}
