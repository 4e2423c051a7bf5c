package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ward policy …`: the App-Embedded runtime rules (Defend → Runtime → App-Embedded Policy) from a terminal. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "List, show, apply, delete and reorder App-Embedded runtime rules.",
        subcommands = {PolicyCommand.List.class, PolicyCommand.Get.class, PolicyCommand.Apply.class,
                PolicyCommand.Delete.class, PolicyCommand.Move.class},
        footer = {"", "Examples:", "  ward policy apply -f rule.yaml", "  ward policy list",
                "  ward policy move \"Org App-Embedded Runtime Protection Policy\" --position 0"})
public class PolicyCommand {

    static final String RULES = "/api/v1/policies/runtime/app-embedded";

    public static String rulePath(String name) {
        return RULES + "/" + ConsoleClient.segment(name);
    }

    /** What {@link #apply} did: the rule as saved, and whether it was new. */
    public record Applied(JsonNode saved, boolean created) {
    }

    /**
     * Creates the rule, or replaces the rule of the same name carrying its current revision (If-Match), so that a
     * concurrent edit is refused rather than overwritten.
     */
    public static Applied apply(ConsoleClient client, JsonNode rule) {
        String path = rulePath(rule.path("name").asText());
        JsonNode existing;
        try {
            existing = client.get(path);
        } catch (ConsoleException e) {
            if (e.status() != 404) {
                throw e;
            }
            return new Applied(client.post(RULES, rule), true);
        }
        return new Applied(client.send("PUT", path, rule,
                Map.of("If-Match", "\"" + existing.path("revision").asText() + "\"")), false);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules in the order they apply.",
            footer = {"", "Example:", "  ward policy list --output json"})
    static class List extends ConsoleCommand {
        @Override
        protected int execute(ConsoleClient client) throws Exception {
            JsonNode reply = client.get(RULES);
            if (json()) {
                printJson(reply);
                return 0;
            }
            java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (JsonNode rule : reply.path("rules")) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("#", rows.size());
                row.put("name", rule.path("name").asText());
                row.put("scope", rule.path("scope").path("appIds"));
                row.put("processes", section(rule.path("processes")));
                row.put("network", section(rule.path("network")));
                row.put("dns", section(rule.path("dns")));
                row.put("disabled", rule.path("disabled").asBoolean());
                row.put("modified by", rule.path("modifiedBy").asText());
                rows.add(row);
            }
            output.printRows(out, rows);
            out.println("revision " + reply.path("revision").asText());
            return 0;
        }

        private static String section(JsonNode s) {
            return s.path("enabled").asBoolean(false) ? s.path("effect").asText("alert") : "off";
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one rule as JSON.",
            footer = {"", "Example:", "  ward policy get \"Org App-Embedded Runtime Protection Policy\""})
    static class Get extends ConsoleCommand {
        @Parameters(paramLabel = "NAME", description = "Rule name.")
        String name;

        @Override
        protected int execute(ConsoleClient client) throws Exception {
            printJson(client.get(rulePath(name)));
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create the rule in a JSON or YAML file, or replace the rule of the same name.",
                    "A replace carries the rule's current revision, so a concurrent edit is refused, not overwritten."},
            footer = {"", "Example:", "  ward policy apply -f rule.yaml"})
    static class Apply extends ConsoleCommand {
        @Option(names = {"-f", "--file"}, required = true, description = "Rule file (.json, .yaml or .yml).")
        Path file;

        @Override
        protected int execute(ConsoleClient client) throws Exception {
            JsonNode rule = read(file);
            String name = rule.path("name").asText("");
            if (name.isBlank()) {
                System.err.println("ward policy apply: " + file + " has no \"name\"");
                return 2;
            }
            Applied applied = apply(client, rule);
            JsonNode saved = applied.saved();
            if (json()) {
                printJson(saved);
            } else {
                out.println((applied.created() ? "created " : "replaced ") + "rule \"" + name + "\" (revision "
                        + saved.path("revision").asText() + ")");
            }
            return 0;
        }

        static JsonNode read(Path file) throws IOException {
            String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml")
                    ? new ObjectMapper(new YAMLFactory()) : ConsoleClient.JSON;
            try {
                return mapper.readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new ConsoleException(0, "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a rule.",
            footer = {"", "Example:", "  ward policy delete \"Old rule\""})
    static class Delete extends ConsoleCommand {
        @Parameters(paramLabel = "NAME", description = "Rule name.")
        String name;

        @Override
        protected int execute(ConsoleClient client) {
            client.delete(rulePath(name));
            out.println("deleted rule \"" + name + "\"");
            return 0;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move a rule to a position (0 = first).",
            footer = {"", "Example:", "  ward policy move \"Org App-Embedded Runtime Protection Policy\" --position 0"})
    static class Move extends ConsoleCommand {
        @Parameters(paramLabel = "NAME", description = "Rule name.")
        String name;

        @Option(names = "--position", required = true, description = "New position, 0-based.")
        int position;

        @Override
        protected int execute(ConsoleClient client) throws Exception {
            JsonNode reply = client.post(rulePath(name) + "/move",
                    ConsoleClient.JSON.createObjectNode().put("position", position));
            if (json()) {
                printJson(reply);
            } else {
                out.println("moved rule \"" + name + "\" to position " + position);
            }
            return 0;
        }
    }
}
