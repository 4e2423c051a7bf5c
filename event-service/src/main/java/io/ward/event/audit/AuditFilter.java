package io.ward.event.audit;

import io.ward.event.explorer.Tactic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The console's audit filters; every field is optional. Turns itself into a parameterised WHERE clause. */
public record AuditFilter(String appId, String instanceId, String type, String effect, String ruleName, String tactic,
                          String techniqueId, String q, Instant from, Instant to) {

    /** Appends {@code AND …} conditions on alias {@code a} to {@code sql} and their values to {@code params}. */
    public void appendTo(StringBuilder sql, List<Object> params) {
        equal(sql, params, "a.app_id", appId);
        equal(sql, params, "a.instance_id", instanceId);
        equal(sql, params, "a.type", type);
        equal(sql, params, "a.effect", effect);
        equal(sql, params, "a.rule_name", ruleName);
        if (tactic != null) {
            sql.append(" AND a.tactics @> ARRAY[?]::text[]");
            params.add(Tactic.normalize(tactic));
        }
        if (techniqueId != null) {
            sql.append(" AND a.techniques @> ARRAY[?]::text[]");
            params.add(techniqueId.toUpperCase(java.util.Locale.ROOT));
        }
        if (q != null) {
            // Same expression as the trigram index audits_text_idx, so the index serves the search.
            sql.append(" AND (a.message || ' ' || a.command) ILIKE ?");
            params.add("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            sql.append(" AND a.time >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND a.time < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
