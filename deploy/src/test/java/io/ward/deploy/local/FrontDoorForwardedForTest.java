package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door tells policy-service who the client really is: the real policy-service (and PostgreSQL) behind it,
 * clients connecting from their own loopback addresses (127.0.0.2, 127.0.0.3) and sending X-Forwarded-For values of
 * their choosing, which must not reach the service. Fast hashes and a per-client limit of 3 keep it cheap.
 */
class FrontDoorForwardedForTest {

    private static final String ADMIN_PASSWORD = "front-door-test-password";
    private static LocalPostgres postgres;
    private static LocalService policy;
    private static FrontDoor door;

    @BeforeAll
    static void start() throws IOException {
        postgres = LocalPostgres.startTemporary();
        Map<String, String> env = new java.util.HashMap<>(LocalService.databaseEnv(postgres));
        env.put("WARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("WARD_AUTH_HASH_ITERATIONS", "10000");
        env.put("WARD_AUTH_MAX_FAILURES_PER_CLIENT", "3");
        Path log = Files.createTempDirectory("ward-front-door-").resolve("policy-service.log");
        policy = LocalService.start(LocalService.wardHome(), "policy-service", LocalService.freePort(), env, log,
                Duration.ofSeconds(120));
        door = FrontDoor.start("127.0.0.1", 0, FrontDoor.contractRoutes(policy.baseUrl(), "http://127.0.0.1:9", "http://127.0.0.1:9", "http://127.0.0.1:9"), null);
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
        if (policy != null) {
            policy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theServiceSeesThePeerTheFrontDoorSawNotTheClientsHeader() throws Exception {
        String reply = login("127.0.0.2", "forged-by-client", "198.51.100.7", "peer-check", "wrong password");
        assertTrue(reply.startsWith("HTTP/1.1 401 "), reply);
        String line = awaitLogLine("Refused password login for peer-check ");
        assertTrue(line.endsWith("Refused password login for peer-check from 127.0.0.2"), line);
        assertFalse(Files.readString(policy.logFile()).contains("198.51.100.7"), "the client's own value reached the service");
    }

    @Test
    void aClientCannotSpreadItsFailuresOverAddressesItMakesUp() throws Exception {
        for (int i = 0; i < 3; i++) {
            String reply = login("127.0.0.3", "203.0.113." + i, "198.51.100." + i, "nobody-" + i, "wrong password");
            assertTrue(reply.startsWith("HTTP/1.1 401 "), reply);
        }
        String locked = login("127.0.0.3", "203.0.113.9", "198.51.100.9", "admin", ADMIN_PASSWORD);
        assertTrue(locked.startsWith("HTTP/1.1 429 "), locked);
        assertTrue(locked.contains("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\","
                + "\"status\":429,\"detail\":\"Too many failed logins; try again later.\"}"), locked);
        assertTrue(locked.toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after: "), locked);
        String other = login("127.0.0.4", "203.0.113.9", "198.51.100.9", "admin", ADMIN_PASSWORD);
        assertTrue(other.startsWith("HTTP/1.1 200 ") && other.contains("\"token\":\""), other);
    }

    /**
     * Posts a password login through the front door from local address {@code from}, with a client-sent
     * X-Forwarded-For (two header lines) and Forwarded header, and returns the raw response.
     */
    private static String login(String from, String forgedFor, String forgedForAgain, String username, String password)
            throws IOException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        String request = "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                + "X-Forwarded-For: " + forgedFor + "\r\nX-Forwarded-For: " + forgedForAgain + "\r\n"
                + "Forwarded: for=" + forgedFor + "\r\n\r\n" + body;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", door.port()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String awaitLogLine(String containing) throws Exception {
        for (int i = 0; i < 50; i++) {
            String line = Files.readAllLines(policy.logFile()).stream().filter(l -> l.contains(containing))
                    .findFirst().orElse(null);
            if (line != null) {
                return line.strip();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line with '" + containing + "' in " + policy.logFile());
    }
}
