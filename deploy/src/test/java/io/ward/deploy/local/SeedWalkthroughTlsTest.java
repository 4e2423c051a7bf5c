package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.CliRun;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.localpg.LocalService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed walkthrough once more, over HTTPS: the console as `ward up --tls` runs it (the front door a real JDK TLS
 * server with the generated local CA), the real defender verifying it with {@code --ca-file} the CA, and the CLI
 * logging in with {@code --ca-file}. Then what must be refused: a certificate for another name, a CA nobody gave,
 * plain http to the https-only port — each before anything reaches the console.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWalkthroughTlsTest {

    private static final String PASSWORD = "e2e-tls-" + UUID.randomUUID();
    private static Path dataDir;
    private static LocalSuite suite;
    private static ConsoleCa ca;
    private static ConsoleClient admin;
    private static List<SeedWalkthrough.Step> steps;

    @BeforeAll
    static void walkThroughTheSeedOverHttps() throws Exception {
        dataDir = Files.createTempDirectory("ward-e2e-tls-");
        suite = LocalSuite.start(LocalService.wardHome(),
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD, true), System.err);
        ca = ConsoleCa.read("the local CA", suite.caFile());
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), ca, "admin", PASSWORD);
        steps = SeedWalkthroughTest.walk(admin, suite.caFile(), dataDir);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyStepPassesWithTheDefenderVerifyingTheConsole() throws Exception {
        assertTrue(suite.consoleUrl().startsWith("https://127.0.0.1:"), suite.consoleUrl());
        SeedWalkthroughTest.assertEveryStepPassed(steps);
        String log = Files.readString(dataDir.resolve("demo/pwn-python.log"));
        assertTrue(!log.contains("BearSSL error") && !log.contains("TLS handshake"), "no refused handshake: " + log);
    }

    @Test
    @Order(2)
    void theCliLogsInWithTheCaAndKeepsItWithTheSession() throws Exception {
        String url = suite.consoleUrl();
        Path session = dataDir.resolve("session.json");
        System.setProperty("ward.session.file", session.toString());
        try {
            CliRun untrusted = CliRun.runWithStdin(PASSWORD + "\n", "login", "--console", url, "--password-stdin");
            assertEquals(1, untrusted.exitCode(), untrusted.toString());
            assertTrue(untrusted.err().startsWith("ward: refused the Ward console at " + url
                    + ": its TLS certificate is not trusted ("), untrusted.err());
            assertTrue(untrusted.err().endsWith("; if it comes from the console's own CA, pass that CA with --ca-file\n"),
                    untrusted.err());
            assertTrue(!Files.exists(session), "no session without a trusted console");

            String plainUrl = url.replace("https://", "http://");
            CliRun plain = CliRun.runWithStdin(PASSWORD + "\n", "login", "--console", plainUrl, "--password-stdin");
            assertEquals(1, plain.exitCode(), plain.toString());
            assertTrue(plain.err().startsWith("ward: cannot talk to the Ward console at " + plainUrl + ": "), plain.err());
            assertTrue(plain.err().endsWith(" (does it serve HTTPS only? then use " + url + ")\n"), plain.err());

            CliRun login = CliRun.runWithStdin(PASSWORD + "\n", "login", "--console", url, "--ca-file",
                    suite.caFile().toString(), "--password-stdin");
            assertEquals(0, login.exitCode(), login.toString());
            assertTrue(login.out().startsWith("Logged in to " + url + " as admin until "), login.out());
            JsonNode kept = ConsoleClient.JSON.readTree(session.toFile());
            assertEquals(ca, ConsoleCa.parse("kept", kept.path("consoleCa").asText()), "the CA is kept with the login");

            CliRun list = CliRun.run("policy", "list", "-o", "json");
            assertEquals(0, list.exitCode(), list.toString());
            assertEquals(SeedWalkthrough.RULE_NAME,
                    ConsoleClient.JSON.readTree(list.out()).path("rules").path(0).path("name").asText());
        } finally {
            System.clearProperty("ward.session.file");
        }
    }

    @Test
    @Order(3)
    void theDefenderRefusesACertificateForAnotherName() throws Exception {
        // the same CA, a certificate for another host, in front of the same services
        Path elsewhere = dataDir.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("tls"));
        for (String file : List.of("ca.pem", "ca-key.pem")) {
            Files.copy(dataDir.resolve("tls").resolve(file), elsewhere.resolve("tls").resolve(file),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (FrontDoor wrongName = FrontDoor.start("127.0.0.1", 0, suite.routes(),
                new LocalCertificates(elsewhere).serverContext(Set.of("ward.example.com")))) {
            String log = refusedDefender("tls-wrong-name", "https://127.0.0.1:" + wrongName.port(), suite.caFile());
            assertTrue(log.contains("console https://127.0.0.1:" + wrongName.port()
                    + ": certificate is not for this host name or address"), log);
        }
    }

    @Test
    @Order(4)
    void theDefenderRefusesACaItWasNotGiven() throws Exception {
        LocalCertificates other = new LocalCertificates(dataDir.resolve("other"));
        other.serverContext(Set.of("127.0.0.1"));
        String log = refusedDefender("tls-other-ca", suite.consoleUrl(), other.caFile());
        assertTrue(log.contains("console " + suite.consoleUrl() + ": certificate is not trusted"), log);
    }

    @Test
    @Order(5)
    void theDefenderGetsNoAnswerOverPlainHttpFromTheHttpsPort() throws Exception {
        String plainUrl = suite.consoleUrl().replace("https://", "http://");
        String log = refusedDefender("tls-plain-http", plainUrl, null);
        assertTrue(log.contains(plainUrl.substring("http://".length())), log);
    }

    /**
     * Runs the real defender with an install token against a console it must refuse, until it has logged the
     * refusal twice (first try and one retry); then checks the console never saw it: no defender of that app id.
     */
    private static String refusedDefender(String appId, String consoleUrl, Path caFile) throws Exception {
        String token = admin.post("/api/v1/defenders/install-tokens",
                ConsoleClient.JSON.createObjectNode().put("appId", appId)).path("token").asText();
        Path work = Files.createDirectories(dataDir.resolve(appId));
        Path log = work.resolve("defender.log");
        List<String> command = new ArrayList<>(List.of(
                LocalService.wardHome().resolve("defender/build/ward-defender").toString(), "run", "--app-id", appId,
                "--console", consoleUrl, "--data-folder", work.resolve("data").toString()));
        if (caFile != null) {
            command.addAll(List.of("--ca-file", caFile.toString()));
        }
        command.addAll(List.of("--", "/bin/sleep", "60"));
        Files.createDirectories(work.resolve("data"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("WARD_TOKEN", token);
        Process defender = pb.start();
        String text = "";
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline) && !text.contains(consoleUrl.replaceFirst("^https?://", ""))) {
                Thread.sleep(200);
                text = Files.readString(log);
            }
        } finally {
            defender.destroy();
            if (!defender.waitFor(10, TimeUnit.SECONDS)) {
                defender.destroyForcibly();
            }
        }
        assertEquals(0, admin.get("/api/v1/defenders?appId=" + appId).size(),
                "the console accepted nothing from the refusing defender: " + text);
        assertTrue(!text.contains(token), "the token is never logged");
        return text;
    }
}
