package io.ward.event.audit;

import io.ward.http.problems.ProblemException;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of the audit list, count and export, checked and turned into an {@link AuditFilter}. */
public class AuditQuery {

    private static final Set<String> TYPES = Set.of("processes", "network", "dns", "filesystem");
    private static final Set<String> EFFECTS = Set.of("alert", "prevent");

    @QueryParam("appId")
    @Parameter(description = "Only audits of this app id", example = "webadmin-aci")
    public String appId;

    @QueryParam("instanceId")
    @Parameter(description = "Only audits of this defender instance")
    public String instanceId;

    @QueryParam("type")
    @Parameter(description = "processes, network, dns or filesystem", example = "processes")
    public String type;

    @QueryParam("effect")
    @Parameter(description = "alert or prevent", example = "alert")
    public String effect;

    @QueryParam("ruleName")
    @Parameter(description = "Only audits raised by this rule")
    public String ruleName;

    @QueryParam("tactic")
    @Parameter(description = "ATT&CK tactic id or name", example = "execution")
    public String tactic;

    @QueryParam("techniqueId")
    @Parameter(description = "ATT&CK technique id", example = "T1059.004")
    public String techniqueId;

    @QueryParam("q")
    @Parameter(description = "Free text searched in the message and the command line", example = "/bin/sh -c ls")
    public String q;

    @QueryParam("from")
    @Parameter(description = "Audits at or after this time (ISO-8601)", example = "2026-11-28T00:00:00Z")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Audits before this time (ISO-8601)", example = "2026-11-29T00:00:00Z")
    public String to;

    /** The filter these parameters describe, or a 400 naming the parameter at fault. */
    public AuditFilter toFilter() {
        if (type != null && !TYPES.contains(type)) {
            throw ProblemException.badRequest("type", "must be one of processes, network, dns, filesystem");
        }
        if (effect != null && !EFFECTS.contains(effect)) {
            throw ProblemException.badRequest("effect", "must be alert or prevent");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        return new AuditFilter(blankToNull(appId), blankToNull(instanceId), type, effect, blankToNull(ruleName),
                blankToNull(tactic), blankToNull(techniqueId), blankToNull(q), start, end);
    }

    /** Parses an ISO-8601 instant parameter; null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 time such as 2026-11-28T12:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
