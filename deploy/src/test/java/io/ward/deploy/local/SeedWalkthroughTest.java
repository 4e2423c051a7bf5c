package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.CliRun;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.console.ConsoleException;
import io.ward.localpg.LocalService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's Exercises 1 and 4 end to end on this machine: the real services and PostgreSQL behind the front door
 * (what `ward up` runs), the real defender supervising the real pwn-python, real HTTP attacks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWalkthroughTest {

    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static Path dataDir;
    private static LocalSuite suite;
    private static ConsoleClient admin;
    private static List<SeedWalkthrough.Step> steps;

    @BeforeAll
    static void walkThroughTheSeed() throws Exception {
        dataDir = Files.createTempDirectory("ward-e2e-");
        suite = LocalSuite.start(LocalService.wardHome(),
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD, false), System.err);
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", PASSWORD);
        steps = walk(admin, null, dataDir);
    }

    /** Runs the walkthrough against a logged-in console (its CA for the defender, or null) and prints the transcript. */
    static List<SeedWalkthrough.Step> walk(ConsoleClient admin, Path consoleCaFile, Path dataDir) {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8);
        try (SeedWalkthrough walkthrough = new SeedWalkthrough(admin, consoleCaFile, LocalService.wardHome(),
                dataDir.resolve("demo"), out)) {
            return walkthrough.run();
        } finally {
            System.err.println(transcript.toString(StandardCharsets.UTF_8));
        }
    }

    static void assertEveryStepPassed(List<SeedWalkthrough.Step> steps) {
        String failed = steps.stream().filter(s -> !s.passed()).map(s -> s.name() + ": " + s.evidence())
                .collect(Collectors.joining("\n"));
        assertEquals("", failed, "failed steps");
        assertEquals(11, steps.size(), "all steps ran");
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyStepOfTheWalkthroughPasses() {
        assertEveryStepPassed(steps);
    }

    @Test
    @Order(2)
    void theShellAuditsReadLikeTheSeedsConsole() {
        JsonNode alerts = admin.get("/api/v1/audits/app-embedded?appId=webadmin-aci&effect=alert&q=ls&limit=200").path("items");
        JsonNode shell = find(alerts, "/bin/sh -c ls");
        String dash = shell.path("process").path("path").asText();
        assertTrue(dash.endsWith("/dash"), "the symlink /bin/sh is reported as its target, got " + dash);
        assertEquals(dash + " launched and is not allowed by rule " + SeedWalkthrough.RULE_NAME
                + ". Full command: /bin/sh -c ls", shell.path("message").asText());
        assertEquals("processes", shell.path("type").asText());
        assertEquals("not-allowed", shell.path("reason").asText());
        assertEquals(SeedWalkthrough.RULE_NAME, shell.path("ruleName").asText());
        assertEquals("webadmin-aci", shell.path("appId").asText());
        assertTrue(shell.path("process").path("parentPath").asText().contains("python"),
                "the shell's parent is the web app: " + shell.path("process"));
        assertTrue(shell.path("attack").toString().contains("\"tactic\":\"execution\""),
                "classified under Execution: " + shell.path("attack"));
        assertEquals("T1059.004", shell.path("attack").path(0).path("techniqueId").asText());

        JsonNode prevented = admin.get("/api/v1/audits/app-embedded?appId=webadmin-aci&effect=prevent&limit=200").path("items");
        JsonNode blocked = find(prevented, "/bin/sh -c ls");
        assertEquals("prevent", blocked.path("effect").asText());
        assertTrue(blocked.path("ruleRevision").asLong() > shell.path("ruleRevision").asLong(),
                "the prevent audit carries the newer rule revision");
    }

    @Test
    @Order(3)
    void theFrontDoorRoutesEveryPrefixAndRefusesStrangers() {
        assertTrue(admin.get("/api/v1/attack/catalog").toString().contains("T1059.004"), "attack-mapper via the front door");
        assertTrue(admin.get("/api/v1/policies/runtime/app-embedded").path("rules").size() >= 1, "policy-service");
        assertTrue(admin.get("/api/v1/defenders").size() >= 1, "event-service");
        ConsoleException denied = org.junit.jupiter.api.Assertions.assertThrows(ConsoleException.class,
                () -> ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", "wrong"));
        assertEquals(401, denied.status());
        ConsoleException anonymous = org.junit.jupiter.api.Assertions.assertThrows(ConsoleException.class,
                () -> new ConsoleClient(URI.create(suite.consoleUrl()), null).get("/api/v1/audits/app-embedded"));
        assertEquals(401, anonymous.status());
        ConsoleException unknown = org.junit.jupiter.api.Assertions.assertThrows(ConsoleException.class,
                () -> admin.get("/api/v2/nothing"));
        assertEquals(404, unknown.status());
    }

    @Test
    @Order(4)
    void dataSurvivesARestartOfTheSuite() {
        long auditsBefore = admin.get("/api/v1/audits/app-embedded/count?appId=webadmin-aci").path("count").asLong();
        suite.close();
        suite = LocalSuite.start(LocalService.wardHome(),
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD, false), System.err);
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", PASSWORD);
        JsonNode rule = admin.get("/api/v1/policies/runtime/app-embedded/" + ConsoleClient.segment(SeedWalkthrough.RULE_NAME));
        assertEquals("prevent", rule.path("processes").path("effect").asText());
        long auditsAfter = admin.get("/api/v1/audits/app-embedded/count?appId=webadmin-aci").path("count").asLong();
        assertTrue(auditsBefore > 0);
        assertEquals(auditsBefore, auditsAfter, "no audit lost across the restart");
    }

    @Test
    @Order(5)
    void terminalViewsShowTheConsoleInTablesAndJson() throws Exception {
        String url = suite.consoleUrl();
        Path session = dataDir.resolve("session.json");
        System.setProperty("ward.session.file", session.toString());
        try {
            CliRun anonymous = CliRun.run("policy", "list");
            assertEquals(3, anonymous.exitCode());
            assertEquals("ward: not logged in: run `ward login --console URL --username USER` first\n", anonymous.err());

            CliRun login = CliRun.runWithStdin(PASSWORD + "\n", "login", "--console", url, "--username", "admin", "--password-stdin");
            assertEquals(0, login.exitCode(), login.err());
            assertTrue(login.out().startsWith("Logged in to " + url + " as admin until "), login.out());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(session)));
            assertTrue(!Files.readString(session).contains(PASSWORD), "the password is not kept");

            Path yaml = dataDir.resolve("cli-rule.yaml");
            Files.writeString(yaml, String.join("\n", "name: CLI rule", "scope:", "  appIds: [\"cli-*\"]",
                    "processes:", "  enabled: true", "  allowed: [python]", "  effect: alert", ""));
            CliRun created = CliRun.run("policy", "apply", "-f", yaml.toString());
            assertEquals(0, created.exitCode(), created.err());
            assertTrue(created.out().matches("created rule \"CLI rule\" \\(revision \\d+\\)\\n"), created.out());
            CliRun replaced = CliRun.run("policy", "apply", "-f", yaml.toString());
            assertTrue(replaced.out().startsWith("replaced rule \"CLI rule\""), replaced.out());

            CliRun moved = CliRun.run("policy", "move", "CLI rule", "--position", "0");
            assertEquals("moved rule \"CLI rule\" to position 0\n", moved.out());
            JsonNode listed = ConsoleClient.JSON.readTree(CliRun.run("policy", "list", "-o", "json").out());
            assertEquals("CLI rule", listed.path("rules").path(0).path("name").asText());
            assertEquals(SeedWalkthrough.RULE_NAME, listed.path("rules").path(1).path("name").asText());
            String table = CliRun.run("policy", "list").out();
            assertTrue(table.lines().findFirst().orElse("").matches("#\\s+NAME\\s+SCOPE\\s+PROCESSES.*"), table);
            assertTrue(table.lines().skip(1).findFirst().orElse("").matches("0\\s+CLI rule\\s+\\[\"cli-\\*\"\\]\\s+alert.*"), table);

            Files.writeString(yaml, Files.readString(yaml).replace("effect: alert", "effect: block"));
            CliRun invalid = CliRun.run("policy", "apply", "-f", yaml.toString());
            assertEquals(1, invalid.exitCode());
            assertEquals(1, invalid.err().lines().count(), invalid.err());
            assertTrue(invalid.err().contains("processes.effect"), invalid.err());

            assertEquals("deleted rule \"CLI rule\"\n", CliRun.run("policy", "delete", "CLI rule").out());
            CliRun gone = CliRun.run("policy", "get", "CLI rule");
            assertEquals(4, gone.exitCode());
            assertTrue(gone.err().startsWith("ward: GET /api/v1/policies/runtime/app-embedded/CLI%20rule failed (404)"), gone.err());

            String audits = CliRun.run("audits", "--app-id", "webadmin-aci", "--effect", "prevent").out();
            assertTrue(audits.lines().findFirst().orElse("").matches("TIME\\s+APP\\s+TYPE\\s+EFFECT\\s+ATT&CK\\s+MESSAGE"), audits);
            assertTrue(audits.contains("T1059.004 execution") && audits.contains("dash launched"), audits);
            JsonNode page = ConsoleClient.JSON.readTree(CliRun.run("audits", "--app-id", "webadmin-aci", "-o", "json").out());
            long count = admin.get("/api/v1/audits/app-embedded/count?appId=webadmin-aci").path("count").asLong();
            assertEquals(Math.min(count, 50), page.path("items").size(), "one page of the default size: " + page);
            for (JsonNode audit : page.path("items")) {
                assertEquals("webadmin-aci", audit.path("appId").asText());
            }
            String csv = CliRun.run("audits", "--app-id", "webadmin-aci", "--csv").out();
            assertTrue(csv.lines().count() > 3, csv);
            assertTrue(csv.contains("webadmin-aci") && csv.contains("/bin/sh -c ls"), csv);

            String explorer = CliRun.run("attack", "explorer", "--app-id", "webadmin-aci").out();
            assertTrue(explorer.lines().anyMatch(l -> l.matches("Execution\\s+\\d+")), explorer);
            assertTrue(explorer.lines().anyMatch(l -> l.matches("\\s+T1059\\.004\\s+.*Unix Shell\\s+\\d+")), explorer);

            String defenders = CliRun.run("defenders").out();
            assertTrue(defenders.contains("webadmin-aci"), defenders);
            JsonNode defendersJson = ConsoleClient.JSON.readTree(CliRun.run("defenders", "-o", "json").out());
            assertEquals("webadmin-aci", defendersJson.path(0).path("appId").asText());
        } finally {
            System.clearProperty("ward.session.file");
        }
    }

    private static JsonNode find(JsonNode audits, String command) {
        for (JsonNode a : audits) {
            if (command.equals(a.path("process").path("command").asText())) {
                return a;
            }
        }
        throw new AssertionError("no audit for " + command + " in " + audits);
    }
}
