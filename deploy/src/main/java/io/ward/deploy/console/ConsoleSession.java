package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.tls.ConsoleCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/** The login `ward login` keeps in ~/.ward/session.json (mode 0600) for the terminal views of the console. */
public final class ConsoleSession {

    private ConsoleSession() {
    }

    /** ~/.ward/session.json, or WARD_SESSION_FILE (system property ward.session.file, for tests). */
    static Path file() {
        String override = System.getProperty("ward.session.file", System.getenv("WARD_SESSION_FILE"));
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".ward", "session.json");
    }

    /**
     * Saves a token, and the console's own CA (PEM) when the login trusted one; the file is created private before the
     * token is written to it.
     */
    public static void save(URI console, ConsoleCa ca, String username, String token, String expiresAt) {
        Path file = file();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            ObjectNode session = ConsoleClient.JSON.createObjectNode()
                    .put("console", console.toString()).put("username", username)
                    .put("token", token).put("expiresAt", expiresAt);
            if (ca != null) {
                session.put("consoleCa", ca.pem());
            }
            ConsoleClient.JSON.writeValue(file.toFile(), session);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the session to " + file, e);
        }
    }

    /** A client for the saved session, or a one-line error telling the user to log in. */
    public static ConsoleClient client(URI consoleOverride) {
        Path file = file();
        if (!Files.exists(file)) {
            throw new CliException(ExitCode.AUTH, "not logged in: run `ward login --console URL --username USER` first");
        }
        JsonNode session;
        try {
            session = ConsoleClient.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConsoleException(0, "cannot read " + file + ": " + e.getMessage());
        }
        String expiresAt = session.path("expiresAt").asText("");
        if (!expiresAt.isEmpty() && parse(expiresAt).isBefore(Instant.now())) {
            throw new CliException(ExitCode.AUTH, "the login of " + session.path("username").asText()
                    + " has expired: run `ward login` again");
        }
        URI console = consoleOverride != null ? consoleOverride : URI.create(session.path("console").asText());
        ConsoleCa ca = session.hasNonNull("consoleCa") ? ConsoleCa.parse("the CA kept in " + file,
                session.get("consoleCa").asText()) : null;
        return new ConsoleClient(console, session.path("token").asText(), ca);
    }

    private static Instant parse(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException notIso) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
    }
}
