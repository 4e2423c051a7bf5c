package io.ward.event.audit;

import io.ward.event.explorer.Tactic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The console's audit filters; every field is optional. Turns itself into parameterised SQL over {@code event.audits a};
 * a tactic or technique filter reads through the lookup {@code event.audit_attack x}, whose index is ordered by time
 * within each tactic and technique, so newest-first pages are quick whether the technique is rare or common.
 */
public record AuditFilter(String appId, String instanceId, String type, String effect, String ruleName, String tactic,
                          String techniqueId, String q, Instant from, Instant to) {

    /**
     * The FROM clause. With the lookup, each of its rows fetches its audit through a LATERAL … LIMIT 1: a plain join
     * on (app_id, time, id) is estimated at one row, which made the planner join everything and sort instead of
     * walking the lookup newest first and stopping at the page size.
     */
    public String source() {
        return lookupKey() == null ? " FROM event.audits a"
                : " FROM event.audit_attack x CROSS JOIN LATERAL (SELECT * FROM event.audits a WHERE a.app_id = x.app_id"
                + " AND a.time = x.time AND a.id = x.id LIMIT 1) a";
    }

    /** The alias whose (time, id) order the result: the lookup when it drives the query, else the audits. */
    public String driver() {
        return lookupKey() == null ? "a" : "x";
    }

    /** The lookup key that drives the query: the technique if filtered on, else the tactic, else none. */
    private String lookupKey() {
        if (techniqueId != null) {
            return "technique:" + techniqueId.toUpperCase(java.util.Locale.ROOT);
        }
        return tactic == null ? null : "tactic:" + Tactic.normalize(tactic);
    }

    /** Appends {@code AND …} conditions to {@code sql} and their values to {@code params}. */
    public void appendTo(StringBuilder sql, List<Object> params) {
        String key = lookupKey();
        if (key != null) {
            sql.append(" AND x.key = ?");
            params.add(key);
        }
        if (techniqueId != null && tactic != null) {
            // The technique drives; the tactic is checked on the few rows it yields.
            sql.append(" AND a.tactics @> ARRAY[?]::text[]");
            params.add(Tactic.normalize(tactic));
        }
        equal(sql, params, "a.app_id", appId);
        equal(sql, params, "a.instance_id", instanceId);
        equal(sql, params, "a.type", type);
        equal(sql, params, "a.effect", effect);
        equal(sql, params, "a.rule_name", ruleName);
        if (q != null) {
            // Same expression as the trigram index audits_text_idx, so the index serves the search.
            sql.append(" AND (a.message || ' ' || a.command) ILIKE ?");
            params.add("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            sql.append(" AND ").append(driver()).append(".time >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND ").append(driver()).append(".time < ?");
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
