package io.ward.event.defender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL on {@code event.defenders}. Status is computed by the database from its own clock: disconnected once three
 * heartbeat intervals passed without a heartbeat.
 */
@ApplicationScoped
public class DefenderRepository {

    private static final String CONNECTED_SQL = "d.last_seen > now() - 3 * d.interval_seconds * interval '1 second'";

    /** Upsert that never moves an instance id to another app (a defender cannot take over another app's entry). */
    private static final String UPSERT = """
            INSERT INTO event.defenders AS d (instance_id, app_id, version, hostname, started_at, policy_revision,
                                              fail_open, interval_seconds, counters)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (instance_id) DO UPDATE SET version = excluded.version, hostname = excluded.hostname,
                   started_at = excluded.started_at, policy_revision = excluded.policy_revision,
                   fail_open = excluded.fail_open, interval_seconds = excluded.interval_seconds,
                   counters = excluded.counters, last_seen = now()
             WHERE d.app_id = excluded.app_id""";

    private static final TypeReference<Map<String, Long>> COUNTERS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public DefenderRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Records a heartbeat; false when the instance id is already registered under another app id. */
    public boolean record(Heartbeat beat, int intervalSeconds) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, beat.instanceId());
            s.setString(2, beat.appId());
            s.setString(3, beat.version());
            s.setString(4, beat.hostname());
            s.setObject(5, beat.startedAt() == null ? null : beat.startedAt().atOffset(ZoneOffset.UTC));
            s.setObject(6, beat.policyRevision());
            s.setBoolean(7, Boolean.TRUE.equals(beat.failOpen()));
            s.setInt(8, intervalSeconds);
            s.setString(9, mapper.writeValueAsString(beat.counters() == null ? Map.of() : beat.counters()));
            return s.executeUpdate() == 1;
        }
    }

    /** Defenders matching the optional filters, most recently seen first. */
    public List<Defender> list(String status, String appId) throws SQLException, JsonProcessingException {
        StringBuilder sql = new StringBuilder("SELECT d.instance_id, d.app_id, d.version, d.hostname, " + CONNECTED_SQL
                + ", d.last_seen, d.first_seen, d.started_at, d.policy_revision, d.fail_open, d.interval_seconds,"
                + " d.counters FROM event.defenders d WHERE true");
        List<Object> params = new ArrayList<>();
        if (appId != null) {
            sql.append(" AND d.app_id = ?");
            params.add(appId);
        }
        if (status != null) {
            sql.append(Defender.CONNECTED.equals(status) ? " AND " : " AND NOT ").append(CONNECTED_SQL);
        }
        sql.append(" ORDER BY d.last_seen DESC, d.instance_id");
        List<Defender> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long revision = rs.getLong(9);
                    Long policyRevision = rs.wasNull() ? null : revision;
                    out.add(new Defender(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5) ? Defender.CONNECTED : Defender.DISCONNECTED, instant(rs, 6),
                            instant(rs, 7), instant(rs, 8), policyRevision, rs.getBoolean(10), rs.getInt(11),
                            mapper.readValue(rs.getString(12), COUNTERS)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
