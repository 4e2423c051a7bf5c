package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward audits`: Monitor → Events → App-Embedded Audits, newest first, with the console's filters. */
@Command(name = "audits", mixinStandardHelpOptions = true,
        description = {"Show App-Embedded audits, newest first.",
                "--follow keeps printing new ones; --csv streams the console's CSV export to stdout."},
        footer = {"", "Examples:", "  ward audits --app-id webadmin-aci --effect prevent",
                "  ward audits --follow --tactic execution", "  ward audits --csv > audits.csv"})
public class AuditsCommand extends ConsoleCommand {

    static final String AUDITS = "/api/v1/audits/app-embedded";

    @Option(names = "--app-id") String appId;
    @Option(names = "--instance-id") String instanceId;
    @Option(names = "--type", description = "processes, network, dns or filesystem.") String type;
    @Option(names = "--effect", description = "alert or prevent.") String effect;
    @Option(names = "--rule", description = "Rule name.") String ruleName;
    @Option(names = "--tactic", description = "ATT&CK tactic id, e.g. execution.") String tactic;
    @Option(names = "--technique", description = "ATT&CK technique id, e.g. T1059.004.") String techniqueId;
    @Option(names = {"-q", "--query"}, description = "Free text over message and command.") String text;
    @Option(names = "--from", description = "ISO-8601 time, e.g. 2026-11-28T00:00:00Z.") String from;
    @Option(names = "--to", description = "ISO-8601 time.") String to;
    @Option(names = "--limit", defaultValue = "50", description = "Page size (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--follow", description = "Keep polling for new audits until interrupted.") boolean follow;
    @Option(names = "--csv", description = "Stream the CSV export.") boolean csv;

    Map<String, Object> filters() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("appId", appId);
        f.put("instanceId", instanceId);
        f.put("type", type);
        f.put("effect", effect);
        f.put("ruleName", ruleName);
        f.put("tactic", tactic);
        f.put("techniqueId", techniqueId);
        f.put("q", text);
        f.put("from", from);
        f.put("to", to);
        return f;
    }

    @Override
    protected int execute(ConsoleClient client) throws Exception {
        if (csv) {
            try (InputStream body = client.stream(AUDITS + ConsoleClient.query(filters()), "text/csv")) {
                body.transferTo(out);
            }
            return 0;
        }
        Map<String, Object> query = filters();
        query.put("limit", limit);
        JsonNode page = client.get(AUDITS + ConsoleClient.query(query));
        if (json() && !follow) {
            printJson(page);
            return 0;
        }
        Set<String> seen = new HashSet<>();
        print(page.path("items"), seen, true);
        while (follow) {
            Thread.sleep(2000);
            page = client.get(AUDITS + ConsoleClient.query(query));
            print(page.path("items"), seen, false);
        }
        return 0;
    }

    private void print(JsonNode items, Set<String> seen, boolean header) throws Exception {
        // Pages come newest first; print oldest first so --follow reads like a log.
        var list = StreamSupport.stream(items.spliterator(), false).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode a = list.get(i);
            if (!seen.add(a.path("id").asText())) {
                continue;
            }
            if (json()) {
                // one JSON object per line, so that --follow output can be piped to jq
                out.println(ConsoleClient.JSON.writeValueAsString(a));
                continue;
            }
            JsonNode primary = a.path("attack").path(0);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("time", a.path("time").asText());
            row.put("app", a.path("appId").asText());
            row.put("type", a.path("type").asText());
            row.put("effect", a.path("effect").asText());
            row.put("att&ck", primary.isMissingNode() ? "" : primary.path("techniqueId").asText() + " " + primary.path("tactic").asText());
            row.put("message", a.path("message").asText());
            rows.add(row);
        }
        if (header && rows.isEmpty() && !json()) {
            System.err.println("no audits match");
        }
        output.printRows(out, rows);
        out.flush();
    }
}
