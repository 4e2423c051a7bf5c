package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward attack explorer`: Monitor → ATT&CK, counts per tactic and technique. */
@Command(name = "attack", mixinStandardHelpOptions = true, description = "MITRE ATT&CK views of the audits.",
        subcommands = AttackCommand.Explorer.class,
        footer = {"", "Example:", "  ward attack explorer --app-id webadmin-aci"})
public class AttackCommand {

    @Command(name = "explorer", mixinStandardHelpOptions = true,
            description = "Audit counts per ATT&CK tactic and technique.",
            footer = {"", "Example:", "  ward attack explorer --app-id webadmin-aci"})
    static class Explorer extends ConsoleCommand {
        @Option(names = "--app-id") String appId;
        @Option(names = "--from", description = "ISO-8601 time (default: the console's, 30 days).") String from;
        @Option(names = "--to", description = "ISO-8601 time.") String to;

        @Override
        protected int execute(ConsoleClient client) throws Exception {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("appId", appId);
            q.put("from", from);
            q.put("to", to);
            JsonNode reply = client.get("/api/v1/attack/explorer" + ConsoleClient.query(q));
            if (json()) {
                printJson(reply);
                return 0;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode tactic : reply.path("tactics")) {
                rows.add(row(tactic.path("name").asText(), "", "", tactic.path("count").asLong()));
                for (JsonNode technique : tactic.path("techniques")) {
                    rows.add(row("", technique.path("id").asText(), technique.path("name").asText(),
                            technique.path("count").asLong()));
                }
            }
            output.printRows(out, rows);
            return 0;
        }

        private static Map<String, Object> row(String tactic, String technique, String name, long count) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tactic", tactic);
            row.put("technique", technique);
            row.put("name", name);
            row.put("count", count);
            return row;
        }
    }
}
