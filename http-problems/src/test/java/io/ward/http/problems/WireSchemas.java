package io.ward.http.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Test helper shared by the services' wire-schema tests (published in this module's test-jar): validates documents
 * against the JSON Schemas in the repository's {@code wire-schema/} folder, and checks that a service's validator
 * agrees with a schema on a set of documents. The services never read the schemas at run time.
 */
public final class WireSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SchemaRegistry registry;
    private static Map<String, String> idsByFile;

    private WireSchemas() {
    }

    /** One document of an agreement test: {@code field} is the field the schema and the service must both name, null if valid. */
    public record Case(String name, Object document, String field) {

        public static Case valid(String name, Object document) {
            return new Case(name, document, null);
        }

        public static Case invalid(String name, Object document, String field) {
            return new Case(name, document, field);
        }
    }

    /** What a service answered: status and body. */
    public record Reply(int status, String body) {
    }

    /** The repository's {@code wire-schema/} folder, found from the module the tests run in. */
    public static Path folder() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("wire-schema"))) {
                return dir.resolve("wire-schema");
            }
        }
        throw new IllegalStateException("no wire-schema/ folder above " + System.getProperty("user.dir"));
    }

    /** The schema in {@code file} (e.g. {@code audit-batch.schema.json}), optionally a fragment of it ({@code #/$defs/audit}). */
    public static synchronized Schema schema(String file, String fragment) {
        if (registry == null) {
            Map<String, String> byId = new HashMap<>();
            idsByFile = new HashMap<>();
            try (Stream<Path> files = Files.list(folder())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
                    String text = Files.readString(f);
                    String id = JSON.readTree(text).path("$id").asText();
                    byId.put(id, text);
                    idsByFile.put(f.getFileName().toString(), id);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
        }
        String id = idsByFile.get(file);
        if (id == null) {
            throw new IllegalArgumentException("no " + file + " in " + folder());
        }
        return registry.getSchema(SchemaLocation.of(fragment == null ? id : id + fragment));
    }

    /**
     * Where {@code document} breaks the schema, one {@code field: message} each; a field is named as the services name
     * it ({@code [0].process.pid}, {@code scope.appIds[1]}), a missing one by its own name.
     */
    public static List<String> errors(String file, String fragment, Object document) {
        JsonNode node = document instanceof String text ? read(text) : JSON.valueToTree(document);
        return schema(file, fragment).validate(node).stream().map(e -> field(e) + ": " + e.getMessage()).toList();
    }

    public static void assertValid(String file, String fragment, Object document) {
        List<String> errors = errors(file, fragment, document);
        assertTrue(errors.isEmpty(), () -> file + (fragment == null ? "" : fragment) + " refuses " + document + ": " + errors);
    }

    /**
     * For every case: the schema accepts it exactly when it is valid, and names the case's field when it is not; the
     * service ({@code send}) then accepts what the schema accepts (2xx) and answers what it refuses with a 400 problem
     * naming the same field.
     */
    public static void assertServiceAgrees(String file, List<Case> cases, Function<Object, Reply> send) {
        for (Case c : cases) {
            List<String> errors = errors(file, null, c.document());
            Reply reply = send.apply(c.document());
            if (c.field() == null) {
                assertTrue(errors.isEmpty(), () -> c.name() + ": the schema refuses it: " + errors);
                assertTrue(reply.status() >= 200 && reply.status() < 300,
                        () -> c.name() + ": the schema accepts it, the service answered " + reply);
            } else {
                assertTrue(errors.stream().anyMatch(e -> e.startsWith(c.field() + ": ")),
                        () -> c.name() + ": the schema does not name " + c.field() + ": " + errors);
                assertEquals(400, reply.status(), () -> c.name() + ": the schema refuses it, the service answered " + reply);
                JsonNode problem = read(reply.body());
                boolean named = false;
                for (JsonNode error : problem.path("errors")) {
                    named |= c.field().equals(error.path("field").asText());
                }
                if (!named) {
                    fail(c.name() + ": the service's problem does not name " + c.field() + ": " + reply.body());
                }
            }
        }
    }

    private static String field(Error e) {
        // the instance location is a JSON pointer (/scope/appIds/1); the services write scope.appIds[1]
        StringBuilder at = new StringBuilder();
        for (String segment : e.getInstanceLocation().toString().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                at.append('[').append(segment).append(']');
            } else {
                at.append(at.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        // a missing or an unknown field is reported at its object; the services name the field itself
        if (("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword())) && e.getProperty() != null) {
            at.append(at.isEmpty() ? "" : ".").append(e.getProperty());
        }
        return at.isEmpty() ? "body" : at.toString();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
