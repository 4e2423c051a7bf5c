package io.ward.attack.catalog;

import io.ward.attack.TestTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/attack/catalog: all v18 tactics in matrix order and real MITRE technique ids and names. */
@QuarkusTest
class CatalogResourceTest {

    @Test
    void listsEveryEnterpriseTacticInMatrixOrder() {
        JsonPath catalog = catalog();
        assertEquals("18", catalog.getString("attackVersion"));
        assertEquals(List.of("reconnaissance", "resource-development", "initial-access", "execution", "persistence",
                "privilege-escalation", "stealth", "defense-impairment", "credential-access", "discovery",
                "lateral-movement", "collection", "command-and-control", "exfiltration", "impact"),
                catalog.getList("tactics.id"));
        assertEquals(List.of("Reconnaissance", "Resource Development", "Initial Access", "Execution", "Persistence",
                "Privilege Escalation", "Stealth", "Defense Impairment", "Credential Access", "Discovery",
                "Lateral Movement", "Collection", "Command and Control", "Exfiltration", "Impact"),
                catalog.getList("tactics.name"));
    }

    @Test
    void hasAtLeastEightyTechniquesWithSubTechniques() {
        JsonPath catalog = catalog();
        int count = catalog.getInt("techniqueCount");
        assertTrue(count >= 80, "techniques: " + count);
        List<String> ids = catalog.getList("tactics.techniques.flatten().id");
        assertTrue(ids.stream().filter(id -> id.contains(".")).distinct().count() >= 40, "sub-techniques");
        assertEquals(count, ids.stream().distinct().count());
    }

    @Test
    void namesAreMitreNames() {
        JsonPath catalog = catalog();
        Map<String, String> expected = Map.of(
                "T1059.004", "Command and Scripting Interpreter: Unix Shell",
                "T1083", "File and Directory Discovery",
                "T1552.005", "Unsecured Credentials: Cloud Instance Metadata API",
                "T1071.004", "Application Layer Protocol: DNS",
                "T1496", "Resource Hijacking",
                "T1070.003", "Indicator Removal: Clear Command History",
                "T1562.001", "Impair Defenses: Disable or Modify Tools",
                "T1611", "Escape to Host",
                "T1048.003", "Exfiltration Over Alternative Protocol: Exfiltration Over Unencrypted Non-C2 Protocol",
                "T1098.004", "Account Manipulation: SSH Authorized Keys");
        expected.forEach((id, name) -> assertEquals(name,
                catalog.getString("tactics.techniques.flatten().find { it.id == '" + id + "' }.name"), id));
    }

    @Test
    void techniquesAreFiledUnderTheirTactics() {
        JsonPath catalog = catalog();
        assertTrue(catalog.getList("tactics.find { it.id == 'execution' }.techniques.id").contains("T1059.004"));
        assertTrue(catalog.getList("tactics.find { it.id == 'stealth' }.techniques.id").contains("T1070.004"));
        assertTrue(catalog.getList("tactics.find { it.id == 'defense-impairment' }.techniques.id").contains("T1562.001"));
        List<String> persistence = catalog.getList("tactics.find { it.id == 'persistence' }.techniques.id");
        List<String> execution = catalog.getList("tactics.find { it.id == 'execution' }.techniques.id");
        assertTrue(persistence.contains("T1053.003") && execution.contains("T1053.003"), "cron serves both");
    }

    private static JsonPath catalog() {
        return given().auth().oauth2(TestTokens.auditor()).get("/api/v1/attack/catalog")
                .then().statusCode(200).body("rulesVersion", equalTo("2026.12.04-1")).extract().jsonPath();
    }
}
