package io.ward.event.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** SQL on {@code event.audits}: batch insert, keyset pages, counts and streamed reads. Parameters only. */
@ApplicationScoped
public class AuditRepository {

    /** Rows fetched per round trip when streaming, so an export never holds the whole result in memory. */
    private static final int STREAM_FETCH_SIZE = 1000;

    private static final String INSERT = """
            INSERT INTO event.audits (app_id, time, id, instance_id, type, effect, reason, rule_name, rule_revision,
                                      message, command, process, network, dns)
            SELECT r."appId", r.time, r.id, r."instanceId", r.type, r.effect, r.reason, r."ruleName", r."ruleRevision",
                   r.message, coalesce(r.process->>'command', ''), r.process, r.network, r.dns
              FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, time timestamptz, "appId" text, "instanceId" text,
                   type text, effect text, reason text, "ruleName" text, "ruleRevision" bigint, message text,
                   process jsonb, network jsonb, dns jsonb)
            ON CONFLICT DO NOTHING""";

    private static final String COLUMNS = """
            a.id, a.time, a.received_at, a.app_id, a.instance_id, a.type, a.effect, a.reason, a.rule_name,
            a.rule_revision, a.message, a.process, a.network, a.dns, CASE WHEN a.classified THEN a.attack END""";

    private final AgroalDataSource dataSource;

    public AuditRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the audits of {@code batchJson} (a JSON array in the contract's shape) in one statement; audits
     * already stored (same app id, time and id) are skipped. Returns how many were newly stored.
     */
    public int insert(String batchJson) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, batchJson);
            return s.executeUpdate();
        }
    }

    /** Up to {@code limit} audits matching {@code filter}, newest first, strictly after {@code after} if given. */
    public List<StoredAudit> page(AuditFilter filter, AuditCursor after, int limit) throws SQLException {
        String t = filter.driver();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + filter.source() + " WHERE true");
        List<Object> params = new ArrayList<>();
        filter.appendTo(sql, params);
        if (after != null) {
            sql.append(" AND (" + t + ".time, " + t + ".id) < (?, ?)");
            params.add(after.time().atOffset(ZoneOffset.UTC));
            params.add(after.id());
        }
        sql.append(" ORDER BY " + t + ".time DESC, " + t + ".id DESC LIMIT ?");
        params.add(limit);
        List<StoredAudit> out = new ArrayList<>(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    public long count(AuditFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*)" + filter.source() + " WHERE true");
        List<Object> params = new ArrayList<>();
        filter.appendTo(sql, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Hands every audit matching {@code filter}, newest first, to {@code sink} while reading them through a
     * server-side cursor: PostgreSQL streams only inside a transaction with a fetch size, so the caller opens one.
     */
    public void stream(AuditFilter filter, Consumer<StoredAudit> sink) throws SQLException {
        String t = filter.driver();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + filter.source() + " WHERE true");
        List<Object> params = new ArrayList<>();
        filter.appendTo(sql, params);
        sql.append(" ORDER BY " + t + ".time DESC, " + t + ".id DESC");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            s.setFetchSize(STREAM_FETCH_SIZE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    private static PreparedStatement prepare(Connection c, CharSequence sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
        return s;
    }

    private static StoredAudit read(ResultSet rs) throws SQLException {
        long revision = rs.getLong(10);
        Long ruleRevision = rs.wasNull() ? null : revision;
        return new StoredAudit(
                rs.getObject(1, UUID.class),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                ruleRevision,
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15));
    }
}
