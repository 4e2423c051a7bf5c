package io.ward.deploy.console;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.tls.ConsoleCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward login`: gets a token from the console and keeps it for the other terminal views. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a Ward console and keep the token (1 h) in ~/.ward/session.json (mode 0600).",
                "The password comes from WARD_PASSWORD, from stdin with --password-stdin, or from a prompt.",
                "For automation use an access key: --access-key-id ID with the secret in WARD_ACCESS_KEY_SECRET.",
                "An https console's certificate must chain to a CA the system trusts or to --ca-file, and name its host;",
                "the CA given is kept with the login for the other commands."},
        footer = {"", "Examples:", "  ward login --console http://127.0.0.1:8080 --username admin",
                "  ward login --console https://127.0.0.1:8080 --ca-file ~/.ward/tls/ca.pem   # after `ward up --tls`",
                "  echo \"$PW\" | ward login --console https://ward.example.com --username ops --password-stdin"})
public class LoginCommand implements Callable<Integer> {

    @Option(names = "--console", required = true, description = "Console URL, e.g. http://127.0.0.1:8080.")
    URI console;

    @Option(names = {"-u", "--username"}, description = "User name (default: admin unless --access-key-id is given).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password (or access key secret) from stdin.")
    boolean passwordStdin;

    @Option(names = "--access-key-id", description = "Log in with an access key instead of a user.")
    String accessKeyId;

    @Option(names = "--ca-file", defaultValue = "${env:WARD_CA_FILE}", paramLabel = "FILE",
            description = "PEM CA certificate to trust for the console besides the system's (default: WARD_CA_FILE).")
    Path caFile;

    @Override
    public Integer call() throws IOException {
        String secretEnv = accessKeyId != null ? "WARD_ACCESS_KEY_SECRET" : "WARD_PASSWORD";
        String secret = readSecret(secretEnv);
        if (secret == null || secret.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "no " + (accessKeyId != null ? "secret" : "password")
                    + " given (set " + secretEnv + ", use --password-stdin, or run it in a terminal)");
        }
        ConsoleCa ca = caFile == null ? null : ConsoleCa.read("--ca-file", caFile);
        ConsoleClient client = accessKeyId != null
                    ? ConsoleClient.loginWithAccessKey(console, ca, accessKeyId, secret)
                    : ConsoleClient.login(console, ca, username == null ? "admin" : username, secret);
        String who = accessKeyId != null ? accessKeyId : (username == null ? "admin" : username);
        String expiresAt = tokenExpiry(client);
        ConsoleSession.save(console, ca, who, client.token(), expiresAt);
        System.out.println("Logged in to " + console + " as " + who + (expiresAt.isEmpty() ? "" : " until " + expiresAt));
        return ExitCode.OK;
    }

    private String readSecret(String env) throws IOException {
        if (passwordStdin) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null) {
            return fromEnv;
        }
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        return null;
    }

    /** The token's exp claim as an ISO instant (read from the JWT payload; the signature is the console's business). */
    private static String tokenExpiry(ConsoleClient client) {
        String[] parts = client.token().split("\\.");
        if (parts.length != 3) {
            return "";
        }
        try {
            var payload = ConsoleClient.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            return payload.has("exp") ? java.time.Instant.ofEpochSecond(payload.get("exp").asLong()).toString() : "";
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }
}
