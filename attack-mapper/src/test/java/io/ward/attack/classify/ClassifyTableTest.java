package io.ward.attack.classify;

import io.ward.attack.TestTokens;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The labelled table (src/test/resources/labelled-commands.tsv): attacks with their exact technique lists and benign
 * commands that must map to nothing, sent in one classify call and compared as a whole body. A row with a network
 * cell is a network audit of that process.
 */
@QuarkusTest
class ClassifyTableTest {

    private record Row(int line, String expected, String command, String path, String parentPath, String reason,
                       String network) {
    }

    @Test
    void everyLabelledCommandLineGetsExactlyItsTechniques() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 150, "table rows: " + rows.size());
        assertTrue(rows.stream().filter(row -> row.expected().equals("-")).count() >= 40, "benign rows");
        Map<String, String> names = techniqueNames();

        List<Map<String, Object>> request = new ArrayList<>();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Row row : rows) {
            String id = "line-" + row.line();
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("command", row.command());
            process.put("path", row.path());
            process.put("parentPath", row.parentPath());
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("id", id);
            audit.put("type", row.network() == null ? "processes" : "network");
            audit.put("reason", row.reason() == null ? "not-allowed" : row.reason());
            audit.put("process", process);
            if (row.network() != null) {
                String[] network = row.network().split(" ");
                audit.put("network", Map.of("direction", network[0], "protocol", network[1], "ip", network[2],
                        "port", Integer.parseInt(network[3])));
            }
            request.add(audit);
            expected.add(Map.of("id", id, "attack", attack(row.expected(), names)));
        }

        List<Map<String, Object>> actual = given().auth().oauth2(TestTokens.auditor()).contentType(ContentType.JSON)
                .body(request).post("/api/v1/attack/classify")
                .then().statusCode(200).extract().as(new TypeRef<>() { });

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                wrong.add("line " + rows.get(i).line() + " '" + rows.get(i).command() + "': expected "
                        + expected.get(i).get("attack") + " got " + actual.get(i).get("attack"));
            }
        }
        assertEquals(List.of(), wrong, () -> String.join("\n", wrong));
        assertEquals(expected, actual);
    }

    private static List<Map<String, String>> attack(String expected, Map<String, String> names) {
        List<Map<String, String>> attack = new ArrayList<>();
        if (expected.equals("-")) {
            return attack;
        }
        for (String pair : expected.split(",")) {
            String[] parts = pair.split("/");
            assertTrue(names.containsKey(parts[1]), "label names an unknown technique: " + pair);
            attack.add(Map.of("tactic", parts[0], "techniqueId", parts[1], "techniqueName", names.get(parts[1])));
        }
        return attack;
    }

    /** Technique names as the catalog endpoint serves them (their correctness is CatalogResourceTest's job). */
    private static Map<String, String> techniqueNames() {
        List<Map<String, Object>> tactics = given().auth().oauth2(TestTokens.auditor()).get("/api/v1/attack/catalog")
                .then().statusCode(200).extract().path("tactics");
        Map<String, String> names = new HashMap<>();
        for (Map<String, Object> tactic : tactics) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> techniques = (List<Map<String, String>>) tactic.get("techniques");
            techniques.forEach(technique -> names.put(technique.get("id"), technique.get("name")));
        }
        return names;
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ClassifyTableTest.class.getResourceAsStream("/labelled-commands.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] cells = lines[i].split("\t");
                rows.add(new Row(i + 1, cells[0], cells[1], cell(cells, 2), cell(cells, 3), cell(cells, 4),
                        cell(cells, 5)));
            }
        }
        return rows;
    }

    private static String cell(String[] cells, int index) {
        return index < cells.length && !cells[index].isEmpty() ? cells[index] : null;
    }
}
