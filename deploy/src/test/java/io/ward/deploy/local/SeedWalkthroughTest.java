package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
    private static final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    @BeforeAll
    static void walkThroughTheSeed() throws Exception {
        dataDir = Files.createTempDirectory("ward-e2e-");
        suite = LocalSuite.start(LocalService.wardHome(),
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD), System.err);
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", PASSWORD);
        PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8);
        try (SeedWalkthrough walkthrough = new SeedWalkthrough(admin, LocalService.wardHome(), dataDir.resolve("demo"), out)) {
            steps = walkthrough.run();
        }
        System.err.println(transcript.toString(StandardCharsets.UTF_8));
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
        String failed = steps.stream().filter(s -> !s.passed()).map(s -> s.name() + ": " + s.evidence())
                .collect(Collectors.joining("\n"));
        assertEquals("", failed, "failed steps");
        assertEquals(11, steps.size(), "all steps ran");
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
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD), System.err);
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", PASSWORD);
        JsonNode rule = admin.get("/api/v1/policies/runtime/app-embedded/" + ConsoleClient.segment(SeedWalkthrough.RULE_NAME));
        assertEquals("prevent", rule.path("processes").path("effect").asText());
        long auditsAfter = admin.get("/api/v1/audits/app-embedded/count?appId=webadmin-aci").path("count").asLong();
        assertTrue(auditsBefore > 0);
        assertEquals(auditsBefore, auditsAfter, "no audit lost across the restart");
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
