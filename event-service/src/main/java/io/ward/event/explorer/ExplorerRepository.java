package io.ward.event.explorer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts classified audits per tactic and technique in [from, to): whole hours come from the hourly counts kept
 * at classification, the partial hours at either end from the audits themselves, so the answer is exact and
 * cheap however long the range.
 */
@ApplicationScoped
public class ExplorerRepository {

    /** The app id of the hourly counts over all apps (no real app id can be '*'), so the unfiltered view sums few rows. */
    public static final String ALL_APPS = "*";

    /** One aggregated row: techniqueId '' is the tactic's own count. */
    public record Row(String tactic, String techniqueId, String techniqueName, long count) {
    }

    private final AgroalDataSource dataSource;

    public ExplorerRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> counts(Instant from, Instant to, String appId) throws SQLException {
        Instant firstWholeHour = ceilHour(from);
        Instant headEnd = firstWholeHour.isBefore(to) ? firstWholeHour : to;
        Instant lastHourStart = to.truncatedTo(ChronoUnit.HOURS);
        Instant tailStart = lastHourStart.isAfter(headEnd) ? lastHourStart : headEnd;
        String raw = " FROM event.audits a%s WHERE a.classified AND ((a.time >= ? AND a.time < ?) OR (a.time >= ? AND a.time < ?))"
                + (appId == null ? "" : " AND a.app_id = ?");
        String sql = "SELECT tactic, technique_id, max(technique_name), sum(n) FROM ("
                + " SELECT tactic, technique_id, technique_name, count AS n FROM event.attack_counts_hourly"
                + "  WHERE hour >= ? AND hour < ? AND app_id = ?"
                + " UNION ALL SELECT e->>'tactic', e->>'techniqueId', e->>'techniqueName', 1"
                + raw.formatted(" CROSS JOIN jsonb_array_elements(a.attack) e")
                + " UNION ALL SELECT t, '', '', 1" + raw.formatted(" CROSS JOIN unnest(a.tactics) t")
                + ") x GROUP BY tactic, technique_id";
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, firstWholeHour.atOffset(ZoneOffset.UTC));
            s.setObject(i++, lastHourStart.atOffset(ZoneOffset.UTC));
            s.setString(i++, appId == null ? ALL_APPS : appId);
            for (int part = 0; part < 2; part++) {
                s.setObject(i++, from.atOffset(ZoneOffset.UTC));
                s.setObject(i++, headEnd.atOffset(ZoneOffset.UTC));
                s.setObject(i++, tailStart.atOffset(ZoneOffset.UTC));
                s.setObject(i++, to.atOffset(ZoneOffset.UTC));
                if (appId != null) {
                    s.setString(i++, appId);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }
}
