package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward defenders`: Manage → Defenders, with status connected / disconnected. */
@Command(name = "defenders", mixinStandardHelpOptions = true,
        description = "List the App-Embedded defenders that reported to the console.",
        footer = {"", "Example:", "  ward defenders --status connected"})
public class DefendersCommand extends ConsoleCommand {

    @Option(names = "--app-id") String appId;
    @Option(names = "--status", description = "connected or disconnected.") String status;

    @Override
    protected int execute(ConsoleClient client) throws Exception {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("appId", appId);
        q.put("status", status);
        JsonNode reply = client.get("/api/v1/defenders" + ConsoleClient.query(q));
        if (json()) {
            printJson(reply);
            return 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode d : reply) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", d.path("instanceId").asText());
            row.put("app", d.path("appId").asText());
            row.put("status", d.path("status").asText());
            row.put("version", d.path("version").asText());
            row.put("host", d.path("hostname").asText());
            row.put("last seen", d.path("lastSeen").asText());
            row.put("policy rev", d.path("policyRevision").asText());
            row.put("sent", d.path("counters").path("auditsSent").asText(""));
            row.put("dropped", d.path("counters").path("auditsDropped").asText(""));
            rows.add(row);
        }
        if (rows.isEmpty()) {
            System.err.println("no defenders have reported yet");
        }
        output.printRows(out, rows);
        return 0;
    }
}
