package io.ward.event.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ward.event.audit.Audit;
import io.ward.event.explorer.ExplorerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** SQL for classification: the unclassified backlog, and storing techniques with their hourly explorer counts. */
@ApplicationScoped
public class ClassificationRepository {

    private static final String MARK_CLASSIFIED = """
            UPDATE event.audits a
               SET classified = true, attack = r.attack, tactics = r.tactics, techniques = r.techniques
              FROM jsonb_to_recordset(?::jsonb) AS r("appId" text, time timestamptz, id uuid, attack jsonb,
                   tactics text[], techniques text[])
             WHERE a.app_id = r."appId" AND a.time = r.time AND a.id = r.id AND NOT a.classified
            RETURNING a.id""";

    private static final String ADD_COUNTS = """
            INSERT INTO event.attack_counts_hourly AS c (hour, app_id, tactic, technique_id, technique_name, count)
            SELECT r.hour, r."appId", r.tactic, r."techniqueId", r."techniqueName", r.count
              FROM jsonb_to_recordset(?::jsonb) AS r(hour timestamptz, "appId" text, tactic text, "techniqueId" text,
                   "techniqueName" text, count bigint)
            ON CONFLICT (app_id, hour, tactic, technique_id) DO UPDATE SET count = c.count + excluded.count""";

    private static final String ADD_LOOKUP = """
            INSERT INTO event.audit_attack (key, time, id, app_id)
            SELECT r.key, r.time, r.id, r."appId"
              FROM jsonb_to_recordset(?::jsonb) AS r(key text, time timestamptz, id uuid, "appId" text)
            ON CONFLICT DO NOTHING""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ClassificationRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** The oldest {@code limit} audits not yet classified. */
    public List<Audit> unclassified(int limit) throws SQLException, JsonProcessingException {
        List<Audit> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT id, time, app_id, instance_id, type, effect, reason, rule_name, rule_revision, message,
                       process, network, dns
                  FROM event.audits WHERE NOT classified ORDER BY time LIMIT ?""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long revision = rs.getLong(9);
                    Long ruleRevision = rs.wasNull() ? null : revision;
                    out.add(new Audit(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), ruleRevision, rs.getString(10),
                            mapper.readValue(rs.getString(11), Audit.Process.class),
                            rs.getString(12) == null ? null : mapper.readValue(rs.getString(12), Audit.Network.class),
                            rs.getString(13) == null ? null : mapper.readValue(rs.getString(13), Audit.Dns.class)));
                }
            }
        }
        return out;
    }

    /**
     * Stores the techniques of each audit in {@code techniques} (keyed by audit id) that is still unclassified, and
     * adds those audits to the tactic/technique lookup and the hourly explorer counts in the same transaction.
     * Returns how many were classified.
     */
    public int save(List<Audit> audits, Map<UUID, List<AttackTechnique>> techniques) throws SQLException, JsonProcessingException {
        List<ClassifiedRow> rows = new ArrayList<>(audits.size());
        for (Audit a : audits) {
            List<AttackTechnique> attack = techniques.getOrDefault(a.id(), List.of());
            List<String> tactics = attack.stream().map(AttackTechnique::tactic).distinct().toList();
            List<String> ids = attack.stream().map(AttackTechnique::techniqueId).distinct().toList();
            rows.add(new ClassifiedRow(a.appId(), a.time(), a.id(), attack, tactics, ids));
        }
        Set<UUID> updated = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(MARK_CLASSIFIED)) {
                s.setString(1, mapper.writeValueAsString(rows));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        updated.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<LookupRow> lookup = new ArrayList<>();
            for (ClassifiedRow row : rows) {
                if (updated.contains(row.id())) {
                    row.tactics().forEach(t -> lookup.add(new LookupRow("tactic:" + t, row.time(), row.id(), row.appId())));
                    row.techniques().forEach(t -> lookup.add(new LookupRow("technique:" + t, row.time(), row.id(), row.appId())));
                }
            }
            if (!lookup.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(ADD_LOOKUP)) {
                    s.setString(1, mapper.writeValueAsString(lookup));
                    s.executeUpdate();
                }
            }
            List<CountRow> counts = counts(rows, updated);
            if (!counts.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(ADD_COUNTS)) {
                    s.setString(1, mapper.writeValueAsString(counts));
                    s.executeUpdate();
                }
            }
        }
        return updated.size();
    }

    /** How many audits wait for classification. */
    public long backlogSize() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM event.audits WHERE NOT classified");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Per hour, for the audit's app and for all apps together: one count per technique, and one per tactic
     * (technique id '') counting each audit once.
     */
    private static List<CountRow> counts(List<ClassifiedRow> rows, Set<UUID> updated) {
        // Sorted keys make concurrent upserts lock rows in the same order.
        Map<List<String>, CountRow> byKey = new TreeMap<>((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y)));
        for (ClassifiedRow row : rows) {
            if (!updated.contains(row.id())) {
                continue;
            }
            Instant hour = row.time().truncatedTo(ChronoUnit.HOURS);
            for (String app : List.of(row.appId(), ExplorerRepository.ALL_APPS)) {
                for (String tactic : row.tactics()) {
                    add(byKey, new CountRow(hour, app, tactic, "", "", 1));
                }
                row.attack().stream().distinct().forEach(t ->
                        add(byKey, new CountRow(hour, app, t.tactic(), t.techniqueId(), t.techniqueName(), 1)));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static void add(Map<List<String>, CountRow> byKey, CountRow row) {
        List<String> key = List.of(row.appId(), row.hour().toString(), row.tactic(), row.techniqueId());
        byKey.merge(key, row, (a, b) -> new CountRow(a.hour(), a.appId(), a.tactic(), a.techniqueId(),
                a.techniqueName(), a.count() + b.count()));
    }

    /** One audit's classification as bound to {@link #MARK_CLASSIFIED}. */
    @RegisterForReflection
    record ClassifiedRow(String appId, Instant time, UUID id, List<AttackTechnique> attack, List<String> tactics,
                         List<String> techniques) {
    }

    /** One row of the tactic/technique lookup as bound to {@link #ADD_LOOKUP}. */
    @RegisterForReflection
    record LookupRow(String key, Instant time, UUID id, String appId) {
    }

    /** One increment of the hourly explorer counts as bound to {@link #ADD_COUNTS}. */
    @RegisterForReflection
    record CountRow(Instant hour, String appId, String tactic, String techniqueId, String techniqueName, long count) {
    }
}
