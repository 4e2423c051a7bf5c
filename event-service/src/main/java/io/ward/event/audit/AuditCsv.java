package io.ward.event.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes audits as RFC 4180 CSV rows, one at a time, for the streamed export. */
final class AuditCsv {

    static final String HEADER = "time,id,appId,instanceId,type,effect,reason,ruleName,ruleRevision,message,"
            + "processPath,command,pid,ppid,parentPath,user,uid,network,dns,tactics,techniques,receivedAt\r\n";

    private final Writer out;
    private final ObjectMapper mapper;

    AuditCsv(Writer out, ObjectMapper mapper) {
        this.out = out;
        this.mapper = mapper;
    }

    void header() {
        write(HEADER);
    }

    void row(StoredAudit a) {
        JsonNode process = parse(a.process());
        JsonNode network = parse(a.network());
        JsonNode dns = parse(a.dns());
        Set<String> tactics = new LinkedHashSet<>();
        Set<String> techniques = new LinkedHashSet<>();
        for (JsonNode t : parse(a.attack())) {
            tactics.add(t.path("tactic").asText());
            techniques.add(t.path("techniqueId").asText());
        }
        List<String> cells = List.of(a.time().toString(), a.id().toString(), a.appId(), a.instanceId(), a.type(),
                a.effect(), a.reason(), a.ruleName(), a.ruleRevision() == null ? "" : a.ruleRevision().toString(),
                a.message(), text(process, "path"), text(process, "command"), text(process, "pid"),
                text(process, "ppid"), text(process, "parentPath"), text(process, "user"), text(process, "uid"),
                network.isMissingNode() ? "" : text(network, "direction") + " " + text(network, "protocol") + " "
                        + hostPort(text(network, "ip"), text(network, "port")),
                dns.isMissingNode() ? "" : text(dns, "domain") + " " + text(dns, "queryType"),
                String.join(" ", tactics), String.join(" ", techniques), a.receivedAt().toString());
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append("\r\n").toString());
    }

    /**
     * Quotes a cell when needed, and defuses text a spreadsheet would run as a formula (an attacker chooses the
     * command lines that end up here) by prefixing it with an apostrophe.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? mapper.missingNode() : mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "203.0.113.9:443", "[2001:db8::1]:443": an IPv6 address in brackets, as in a URL, so the port stays apart. */
    private static String hostPort(String ip, String port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
