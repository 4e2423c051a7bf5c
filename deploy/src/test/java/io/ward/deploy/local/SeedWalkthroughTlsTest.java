package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.CliRun;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.localpg.LocalService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipFile;
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
 * plain http to the https-only port — each before anything reaches the console. Last, the bundle `ward embed` writes
 * after fetching the console's CA (confirmed by fingerprint): its defender, config and CA reach the console.
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
        // the front door answers no HTTP over plain text; the defender names the https URL to configure
        assertTrue(log.contains("console " + plainUrl + " gave no HTTP answer"), log);
        assertTrue(log.contains("if it serves HTTPS only, set console=" + suite.consoleUrl()), log);
    }

    @Test
    @Order(6)
    void theBundleWardEmbedWritesLetsTheDefenderVerifyTheConsole() throws Exception {
        Path work = Files.createDirectories(dataDir.resolve("embedded"));
        Path dockerfile = Files.writeString(work.resolve("Dockerfile"), "FROM python:3\nENTRYPOINT [\"python\"]\n");
        String token = installToken("tls-embedded");
        CliRun embed = CliRun.run("embed", "--app-id", "tls-embedded", "--console", suite.consoleUrl(),
                "--console-ca-fingerprint", ca.sha256(), "--token", token, "--defender-binary", DEFENDER.toString(),
                "--output-dir", work.toString(), dockerfile.toString());
        assertEquals(0, embed.exitCode(), embed.toString());

        // what the image's COPY lines do, with this machine's paths for /etc/ward
        Path image = Files.createDirectories(work.resolve("image"));
        String conf;
        try (ZipFile zip = ZipFile.builder().setPath(work.resolve("app_embedded_embed_tls-embedded.zip")).get()) {
            for (String entry : List.of("ward-defender", "ward-defender-ca.pem", "ward-defender.token")) {
                Files.write(image.resolve(entry), zip.getInputStream(zip.getEntry(entry)).readAllBytes());
            }
            conf = new String(zip.getInputStream(zip.getEntry("ward-defender.conf")).readAllBytes(), StandardCharsets.UTF_8);
        }
        image.resolve("ward-defender").toFile().setExecutable(true);
        assertTrue(conf.contains("\nca-file=/etc/ward/console-ca.pem\n"), conf);
        Path config = Files.writeString(image.resolve("defender.conf"), conf
                .replace("/etc/ward/console-ca.pem", image.resolve("ward-defender-ca.pem").toString())
                .replace("/etc/ward/token", image.resolve("ward-defender.token").toString())
                .replace("data-folder=/tmp", "data-folder=" + Files.createDirectories(image.resolve("data"))));

        Process defender = start(image.resolve("defender.log"), Map.of(),
                image.resolve("ward-defender").toString(), "run", "--config", config.toString(), "--", "/bin/sleep", "60");
        try {
            JsonNode connected = null;
            for (Instant deadline = Instant.now().plus(Duration.ofSeconds(20)); connected == null
                    && Instant.now().isBefore(deadline); Thread.sleep(250)) {
                for (JsonNode d : admin.get("/api/v1/defenders?appId=tls-embedded")) {
                    connected = "connected".equals(d.path("status").asText()) ? d : connected;
                }
            }
            assertTrue(connected != null, "the embedded defender reached the console over https: "
                    + Files.readString(image.resolve("defender.log")));
        } finally {
            stop(defender);
        }
    }

    private static final Path DEFENDER = LocalService.wardHome().resolve("defender/build/ward-defender");

    private static String installToken(String appId) {
        return admin.post("/api/v1/defenders/install-tokens",
                ConsoleClient.JSON.createObjectNode().put("appId", appId)).path("token").asText();
    }

    private static Process start(Path log, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process defender) throws InterruptedException {
        defender.destroy();
        if (!defender.waitFor(10, TimeUnit.SECONDS)) {
            defender.destroyForcibly();
        }
    }

    /**
     * Runs the real defender with an install token against a console it must refuse, until it has logged about that
     * console; then checks the console never saw it: no defender of that app id.
     */
    private static String refusedDefender(String appId, String consoleUrl, Path caFile) throws Exception {
        String token = installToken(appId);
        Path work = Files.createDirectories(dataDir.resolve(appId));
        Path log = work.resolve("defender.log");
        List<String> command = new ArrayList<>(List.of(DEFENDER.toString(), "run", "--app-id", appId,
                "--console", consoleUrl, "--data-folder", Files.createDirectories(work.resolve("data")).toString()));
        if (caFile != null) {
            command.addAll(List.of("--ca-file", caFile.toString()));
        }
        command.addAll(List.of("--", "/bin/sleep", "60"));
        Process defender = start(log, Map.of("WARD_TOKEN", token), command.toArray(String[]::new));
        String text = "";
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline) && !text.contains(consoleUrl.replaceFirst("^https?://", ""))) {
                Thread.sleep(200);
                text = Files.readString(log);
            }
        } finally {
            stop(defender);
        }
        assertEquals(0, admin.get("/api/v1/defenders?appId=" + appId).size(),
                "the console accepted nothing from the refusing defender: " + text);
        assertTrue(!text.contains(token), "the token is never logged");
        return text;
    }
}
