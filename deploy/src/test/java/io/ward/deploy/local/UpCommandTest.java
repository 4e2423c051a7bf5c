package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.localpg.LocalService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `ward up --tls` as a user runs it: a separate process, its printed URL, CA and credentials, and a clean stop on
 * SIGTERM. (Plain http `ward up` is the same code without the CA; LocalSuite runs it in SeedWalkthroughTest.)
 */
class UpCommandTest {

    @Test
    void upServesTheConsoleOverHttpsAndStopsEverythingOnSigterm() throws Exception {
        Path data = Files.createTempDirectory("ward-up-");
        int port = LocalService.freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dward.home=" + LocalService.wardHome(),
                "io.ward.deploy.WardCommand", "up", "--tls", "--port", Integer.toString(port), "--data-dir", data.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("up.stderr").toFile()));
        pb.environment().remove("WARD_ADMIN_PASSWORD");
        Process up = pb.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
            String console = null;
            String password = null;
            String caLine = null;
            String loginLine = null;
            for (String line; (line = stdout.readLine()) != null; ) {
                if (line.startsWith("Ward console:")) {
                    console = line.substring("Ward console:".length()).trim();
                } else if (line.startsWith("CA:")) {
                    caLine = line;
                } else if (line.startsWith("Log in with:")) {
                    loginLine = line;
                } else if (line.startsWith("Password:")) {
                    password = line.substring("Password:".length()).trim().split("\\s+")[0];
                } else if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            assertEquals("https://127.0.0.1:" + port, console, "see " + data.resolve("up.stderr"));
            Path caFile = data.resolve("tls/ca.pem").toAbsolutePath();
            ConsoleCa ca = ConsoleCa.read("ca", caFile);
            assertEquals("CA:           " + caFile + "   (SHA-256 " + ca.sha256() + ")", caLine);
            assertEquals("Log in with:  ward login --console " + console + " --ca-file " + caFile, loginLine);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("tls/ca-key.pem"))));
            assertNotNull(password);
            assertEquals(password, Files.readString(data.resolve("admin-password")).trim(),
                    "the generated password is the one kept in the data folder");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("admin-password"))));

            ConsoleClient admin = ConsoleClient.login(URI.create(console), ca, "admin", password);
            assertTrue(admin.get("/api/v1/policies/runtime/app-embedded").has("revision"));
            up.descendants().forEach(children::add);
            assertTrue(children.size() >= 3, "the three services run as child processes: " + children.size());
        } finally {
            up.destroy(); // SIGTERM, as Ctrl-C or `docker stop` would send
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "ward up stopped within 60 s");
        }
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "child " + child.pid() + " stopped with ward up");
        }
        assertTrue(Files.readString(data.resolve("up.stderr")).contains("stopping Ward"));
        assertTrue(Files.exists(data.resolve("postgres/pgdata/PG_VERSION")), "the database lives in the data folder");
        assertFalse(Files.exists(data.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL was shut down");
    }
}
