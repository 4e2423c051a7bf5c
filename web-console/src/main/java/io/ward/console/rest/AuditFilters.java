package io.ward.console.rest;

import io.quarkus.qute.TemplateData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audits page's filters, as the browser sends them (query parameters named as event-service's); the time range
 * comes from datetime-local inputs, read as UTC.
 */
@TemplateData
public class AuditFilters {

    @RestQuery
    public String appId;
    @RestQuery
    public String type;
    @RestQuery
    public String effect;
    @RestQuery
    public String ruleName;
    @RestQuery
    public String tactic;
    @RestQuery
    public String techniqueId;
    @RestQuery
    public String q;
    @RestQuery
    public String from;
    @RestQuery
    public String to;
    @RestQuery
    public String cursor;
    @RestQuery
    public String follow;

    /** The filters as event-service's query parameters (blank ones left out), the time range as instants. */
    public Map<String, String> serviceQuery() {
        Map<String, String> query = typed();
        query.computeIfPresent("from", (k, v) -> instant(v));
        query.computeIfPresent("to", (k, v) -> instant(v));
        return query;
    }

    /** The filters as this page's own query string (no cursor), for the CSV link, paging and follow. */
    public String queryString() {
        StringJoiner joined = new StringJoiner("&");
        typed().forEach((k, v) -> joined.add(k + "=" + TemplateFormats.query(v)));
        return joined.toString();
    }

    /** The non-blank filters as typed, trimmed. */
    private Map<String, String> typed() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "appId", appId);
        put(values, "type", type);
        put(values, "effect", effect);
        put(values, "ruleName", ruleName);
        put(values, "tactic", tactic);
        put(values, "techniqueId", techniqueId);
        put(values, "q", q);
        put(values, "from", from);
        put(values, "to", to);
        return values;
    }

    public boolean following() {
        return follow != null && !follow.isBlank();
    }

    public boolean is(String field, String value) {
        String current = switch (field) {
            case "type" -> type;
            case "effect" -> effect;
            default -> null;
        };
        return value.equals(current);
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value.trim());
        }
    }

    /** A datetime-local value (2026-12-04T16:30) as an ISO instant in UTC; anything else is passed as typed. */
    private static String instant(String v) {
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return v + ":00Z";
        }
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return v + "Z";
        }
        return v;
    }
}
