package io.ward.attack.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.catalog.CatalogLoader;
import io.ward.attack.catalog.DataFileException;
import io.ward.attack.config.AttackDataProducerAccess;
import io.ward.attack.config.AttackMapperConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad rules or catalog file is refused with a message naming the file, the rule and the field at fault. */
class RuleSetLoaderTest {

    private static final String GOOD_RULE = """
            {"id":"exec-unix-shell","description":"A shell.","priority":20,"when":{"programs":["sh"]},
             "attack":[{"tactic":"execution","techniqueId":"T1059.004"}],"examples":["sh -c id"]}""";

    private static AttackCatalog catalog;

    @BeforeAll
    static void loadCatalog() throws Exception {
        catalog = RuleExamplesTest.shippedCatalog();
    }

    @Test
    void acceptsAMinimalFile() {
        assertEquals(1, load(file(GOOD_RULE)).rules().size());
    }

    @Test
    void refusesInvalidJson() {
        assertRefused("{\"version\":", "test-rules.json: not a valid rules file: Unexpected end-of-input");
    }

    @Test
    void refusesUnknownConditionNames() {
        String error = refusal(file(GOOD_RULE.replace("\"programs\"", "\"program\"")));
        assertEquals(true, error.startsWith("test-rules.json: not a valid rules file: Unrecognized field \"program\""),
                error);
    }

    @Test
    void refusesTechniquesOutsideTheCatalog() {
        assertRefused(file(GOOD_RULE.replace("T1059.004", "T9999")),
                "test-rules.json: rule 'exec-unix-shell': technique T9999 is not in the catalog");
    }

    @Test
    void refusesSupersedingARuleThatDoesNotExist() {
        assertRefused(file(GOOD_RULE.replace("\"examples\"", "\"supersedes\":[\"disc-files\"],\"examples\"")),
                "test-rules.json: rule 'exec-unix-shell': supersedes names 'disc-files', which is not another rule of the file");
        assertRefused(file(GOOD_RULE.replace("\"examples\"", "\"supersedes\":[\"exec-unix-shell\"],\"examples\"")),
                "test-rules.json: rule 'exec-unix-shell': supersedes names 'exec-unix-shell'");
    }

    @Test
    void refusesATacticTheTechniqueDoesNotServe() {
        assertRefused(file(GOOD_RULE.replace("\"execution\"", "\"impact\"")),
                "test-rules.json: rule 'exec-unix-shell': technique T1059.004 does not serve tactic 'impact' (catalog: [execution])");
    }

    @Test
    void refusesBadRegularExpressions() {
        assertRefused(file(GOOD_RULE.replace("\"programs\":[\"sh\"]", "\"programs\":[\"sh\"],\"args\":[\"(unclosed\"]")),
                "test-rules.json: rule 'exec-unix-shell': when.args: invalid regular expression (unclosed: Unclosed group");
    }

    @Test
    void refusesRulesWithoutExamples() {
        assertRefused(file(GOOD_RULE.replace(",\"examples\":[\"sh -c id\"]", "")),
                "test-rules.json: rule 'exec-unix-shell': at least one example is required");
    }

    @Test
    void refusesDuplicateIdsAndBadIds() {
        assertRefused(file(GOOD_RULE + "," + GOOD_RULE), "test-rules.json: rule 'exec-unix-shell': the id is used twice");
        assertRefused(file(GOOD_RULE.replace("exec-unix-shell", "Exec Shell")),
                "test-rules.json: rule 'Exec Shell': every rule needs an id of lower-case words joined by '-', got 'Exec Shell'");
    }

    @Test
    void refusesUndefinedListReferences() {
        assertRefused(file(GOOD_RULE.replace("[\"sh\"]", "[\"@shells\"]")),
                "test-rules.json: rule 'exec-unix-shell': when.programs: '@shells' names nothing defined in the file");
    }

    @Test
    void refusesBadNetworkConditions() {
        assertRefused(file(GOOD_RULE.replace("{\"programs\":[\"sh\"]}", "{\"network\":{\"ports\":[\"70000\"]}}")),
                "test-rules.json: rule 'exec-unix-shell': when.network: port range out of bounds: 70000");
        assertRefused(file(GOOD_RULE.replace("{\"programs\":[\"sh\"]}", "{\"network\":{\"cidrs\":[\"example.com/8\"]}}")),
                "test-rules.json: rule 'exec-unix-shell': when.network: not an IP address: example.com/8");
    }

    @Test
    void refusesAnAttackVersionOtherThanTheCatalogs() {
        assertRefused(file(GOOD_RULE).replace("\"attackVersion\":\"18\"", "\"attackVersion\":\"17\""),
                "test-rules.json: attackVersion '17' does not match the catalog's '18'");
    }

    @Test
    void refusesACatalogWithAMisnamedSubTechnique() {
        String bad = """
                {"attackVersion":"18","tactics":[{"id":"execution","name":"Execution"}],
                 "techniques":[{"id":"T1059","name":"Command and Scripting Interpreter","tactics":["execution"]},
                               {"id":"T1059.004","name":"Unix Shell","tactics":["execution"]}]}""";
        DataFileException e = assertThrows(DataFileException.class, () -> CatalogLoader.load("test-catalog.json",
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))));
        assertEquals("test-catalog.json: sub-technique T1059.004 must be named 'Command and Scripting Interpreter: ...'",
                e.getMessage());
    }

    /** The start-up path: a rules file whose example no longer fires stops the service, listing the broken example. */
    @Test
    void startupRefusesARulesFileWhoseExamplesFail(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, file(GOOD_RULE.replace("[\"sh -c id\"]", "[\"sh -c id\",\"python app.py\"]")));
        AttackMapperConfig config = new AttackMapperConfig() {
            @Override
            public Optional<Path> rulesFile() {
                return Optional.of(rules);
            }

            @Override
            public boolean benchEcho() {
                return false;
            }
        };
        DataFileException e = assertThrows(DataFileException.class,
                () -> AttackDataProducerAccess.classifier(catalog, config));
        assertEquals(rules + ": 1 rule example(s) fail:\n  rule 'exec-unix-shell' does not fire for its example "
                + "'python app.py' (fired: [])", e.getMessage());
    }

    private static String file(String rules) {
        return "{\"version\":\"test-1\",\"attackVersion\":\"18\",\"rules\":[" + rules + "]}";
    }

    private static io.ward.attack.rules.RuleSet load(String json) {
        return RuleSetLoader.load("test-rules.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                catalog);
    }

    private static String refusal(String json) {
        return assertThrows(DataFileException.class, () -> load(json)).getMessage();
    }

    private static void assertRefused(String json, String messageStart) {
        String message = refusal(json);
        assertEquals(true, message.startsWith(messageStart), message);
    }
}
