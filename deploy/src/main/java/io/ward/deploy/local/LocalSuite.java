package io.ward.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.deploy.console.ConsoleClient;
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The whole Ward console on one machine: a real PostgreSQL (embedded, or WARD_DB_URL), the three services and the web
 * console as child JVMs on private loopback ports, and the front door on one public port. Closing it stops everything, newest first.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String SERVICE_KEY_FILE = "service-access-key.json";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private FrontDoor door;
    private List<FrontDoor.Route> routes;
    private final Path dataDir;
    private final PrintStream progress;
    private String consoleUrl;
    private Path caFile;
    private String adminPassword;

    /** Where the suite listens and keeps its data; {@code tls}: the front door serves HTTPS only, with a local CA. */
    public record Options(Path dataDir, String host, int port, String adminPassword, boolean tls) {
    }

    /** The front door's port is taken. */
    public static final class PortBusyException extends RuntimeException {
        PortBusyException(String message) {
            super(message);
        }
    }

    private LocalSuite(Path dataDir, PrintStream progress) {
        this.dataDir = dataDir;
        this.progress = progress;
    }

    /** Starts the suite; on any failure everything already started is stopped again. */
    public static LocalSuite start(Path wardHome, Options options, PrintStream progress) {
        LocalSuite suite = new LocalSuite(options.dataDir().toAbsolutePath().normalize(), progress);
        try {
            suite.startAll(wardHome, options);
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startAll(Path wardHome, Options options) {
        mkdirsPrivate(dataDir);
        Path logs = dataDir.resolve("logs");
        int policyPort = LocalService.freePort();
        int eventPort = LocalService.freePort();
        int attackPort = LocalService.freePort();
        int consolePort = LocalService.freePort();
        String policyUrl = "http://127.0.0.1:" + policyPort;
        String eventUrl = "http://127.0.0.1:" + eventPort;
        String attackUrl = "http://127.0.0.1:" + attackPort;
        String webConsoleUrl = "http://127.0.0.1:" + consolePort;

        SSLContext tls = null;
        if (options.tls()) {
            LocalCertificates certificates = new LocalCertificates(dataDir);
            tls = certificates.serverContext(LocalCertificates.serverNames(options.host()));
            caFile = certificates.caFile();
        }
        // The front door first: a busy port is the most likely failure and should cost nothing.
        routes = FrontDoor.contractRoutes(policyUrl, eventUrl, attackUrl, webConsoleUrl);
        try {
            door = FrontDoor.start(options.host(), options.port(), routes, tls);
        } catch (BindException e) {
            throw new PortBusyException(options.host() + ":" + options.port()
                    + " is already in use (another `ward up`?); choose another with --port");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the front door on " + options.host() + ":" + options.port(), e);
        }
        running.push(door);
        consoleUrl = door.scheme() + "://" + (options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host()) + ":" + door.port();

        Map<String, String> db = database();

        String jwks = policyUrl + "/api/v1/auth/jwks";
        Map<String, String> serviceKey = serviceAccessKey();
        Map<String, String> policyEnv = new LinkedHashMap<>(db);
        policyEnv.putAll(serviceKey);
        policyEnv.put("WARD_ADMIN_PASSWORD_FILE", dataDir.resolve("admin-password").toString());
        String chosenPassword = options.adminPassword();
        if (chosenPassword != null && !chosenPassword.isBlank()) {
            policyEnv.put("WARD_ADMIN_PASSWORD", chosenPassword);
        }
        progress.println("starting policy-service…");
        running.push(LocalService.start(wardHome, "policy-service", policyPort, policyEnv,
                logs.resolve("policy-service.log"), READY_TIMEOUT));
        adminPassword = chosenPassword != null && !chosenPassword.isBlank() ? chosenPassword : savedAdminPassword(dataDir);

        progress.println("starting attack-mapper…");
        running.push(LocalService.start(wardHome, "attack-mapper", attackPort, Map.of("WARD_JWKS_URL", jwks),
                logs.resolve("attack-mapper.log"), READY_TIMEOUT));

        Map<String, String> eventEnv = new LinkedHashMap<>(db);
        eventEnv.put("WARD_JWKS_URL", jwks);
        eventEnv.put("WARD_POLICY_SERVICE_URL", policyUrl);
        eventEnv.put("WARD_ATTACK_MAPPER_URL", attackUrl);
        eventEnv.putAll(serviceKey);
        progress.println("starting event-service…");
        running.push(LocalService.start(wardHome, "event-service", eventPort, eventEnv,
                logs.resolve("event-service.log"), READY_TIMEOUT));

        // The browser console: a client of the services' APIs, acting with each signed-in user's own token.
        progress.println("starting web-console…");
        running.push(LocalService.start(wardHome, "web-console", consolePort,
                Map.of("WARD_POLICY_SERVICE_URL", policyUrl, "WARD_EVENT_SERVICE_URL", eventUrl),
                logs.resolve("web-console.log"), READY_TIMEOUT));
    }

    /** WARD_DB_URL when given, otherwise an embedded PostgreSQL whose data lives in the data folder. */
    private Map<String, String> database() {
        String url = System.getenv("WARD_DB_URL");
        Map<String, String> env = new LinkedHashMap<>();
        // A busy laptop (or CI box) can take more than the default 5 s to hand out the first connection.
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "30S");
        if (url != null && !url.isBlank()) {
            progress.println("using the database at WARD_DB_URL");
            env.put("WARD_DB_URL", url);
            env.put("WARD_DB_USER", System.getenv().getOrDefault("WARD_DB_USER", "postgres"));
            env.put("WARD_DB_PASSWORD", System.getenv().getOrDefault("WARD_DB_PASSWORD", ""));
            return env;
        }
        progress.println("starting PostgreSQL (data in " + dataDir.resolve("postgres") + ")…");
        LocalPostgres pg = LocalPostgres.startPersistent(dataDir.resolve("postgres"), LocalService.freePort());
        running.push(pg);
        pg.createDatabase("ward");
        env.put("WARD_DB_URL", pg.jdbcUrl("ward"));
        env.put("WARD_DB_USER", pg.username());
        env.put("WARD_DB_PASSWORD", pg.password());
        return env;
    }

    /** The generated first-admin password policy-service kept in a data folder. */
    static String savedAdminPassword(Path dataDir) {
        Path file = dataDir.resolve("admin-password");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("no admin password in " + file
                    + " (set WARD_ADMIN_PASSWORD, or use the --data-dir of the console that generated it)");
        }
    }

    /**
     * The access key event-service uses to call attack-mapper (role auditor: read-only), generated on the first run and
     * kept in the data folder (mode 0600); policy-service makes sure it exists at start (WARD_SERVICE_ACCESS_KEY_*).
     */
    private Map<String, String> serviceAccessKey() {
        Path file = dataDir.resolve(SERVICE_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                ObjectNode key = ConsoleClient.JSON.createObjectNode()
                        .put("id", "ward-local-" + HexFormat.of().formatHex(random(4)))
                        .put("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)));
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                ConsoleClient.JSON.writeValue(file.toFile(), key);
            }
            return keyEnv(ConsoleClient.JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the service access key in " + file, e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static Map<String, String> keyEnv(JsonNode key) {
        return Map.of("WARD_SERVICE_ACCESS_KEY_ID", key.path("id").asText(),
                "WARD_SERVICE_ACCESS_KEY_SECRET", key.path("secret").asText());
    }

    public String consoleUrl() {
        return consoleUrl;
    }

    /** The front door's routes to the running services (tests put another front door in front of them). */
    List<FrontDoor.Route> routes() {
        return routes;
    }

    /** The CA that issued the front door's certificate (PEM), or null when it serves plain HTTP. */
    public Path caFile() {
        return caFile;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Others may pass through (so that PostgreSQL, run as `nobody` under root, can reach its folder) but not list it. */
    private static void mkdirsPrivate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        // Close the door first: clients get a clean refusal instead of half-answered requests while services stop.
        if (door != null) {
            door.close();
        }
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                progress.println("stopping " + part.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }
}
