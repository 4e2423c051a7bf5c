package io.ward.console.rest;

import io.quarkus.qute.TemplateData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /** The filters as event-service's query parameters (blank ones left out). */
    public Map<String, String> serviceQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "appId", appId);
        put(query, "type", type);
        put(query, "effect", effect);
        put(query, "ruleName", ruleName);
        put(query, "tactic", tactic);
        put(query, "techniqueId", techniqueId);
        put(query, "q", q);
        put(query, "from", instant(from));
        put(query, "to", instant(to));
        return query;
    }

    /** The filters as this page's own query string (no cursor), for the CSV link, paging and follow. */
    public String queryString() {
        StringJoiner joined = new StringJoiner("&");
        Map<String, String> own = new LinkedHashMap<>();
        put(own, "appId", appId);
        put(own, "type", type);
        put(own, "effect", effect);
        put(own, "ruleName", ruleName);
        put(own, "tactic", tactic);
        put(own, "techniqueId", techniqueId);
        put(own, "q", q);
        put(own, "from", from);
        put(own, "to", to);
        own.forEach((k, v) -> joined.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
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
    private static String instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        String v = local.trim();
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return v + ":00Z";
        }
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return v + "Z";
        }
        return v;
    }
}
