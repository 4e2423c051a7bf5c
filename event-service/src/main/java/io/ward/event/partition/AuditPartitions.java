package io.ward.event.partition;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creates and drops the monthly partitions (one per UTC calendar month of the event time) of {@code event.audits}
 * and of its tactic/technique lookup {@code event.audit_attack}, always together.
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    private static final Pattern NAME = Pattern.compile("audits_p(\\d{4})_(\\d{2})");
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final List<String> TABLES = List.of("audits", "audit_attack");

    private final AgroalDataSource dataSource;
    /** Months known to have a partition, so ingestion only touches the catalog for a new month. */
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public AuditPartitions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes sure every month holding one of {@code times} has its partition. */
    public void ensureFor(Collection<Instant> times) {
        Set<YearMonth> months = new TreeSet<>();
        for (Instant t : times) {
            months.add(YearMonth.from(t.atOffset(ZoneOffset.UTC)));
        }
        for (YearMonth month : months) {
            if (!known.contains(month)) {
                create(month);
            }
        }
    }

    /** Creates the partition of {@code month} unless it exists, in a transaction of its own. */
    public void create(YearMonth month) {
        // Programmatic, because ensureFor calls this from inside the bean, where interceptors may not apply.
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // Serialises concurrent creators (other requests, other replicas) so IF NOT EXISTS cannot race.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('event.audits partitions'))");
                // DDL takes no bind parameters; the name and bounds are built from a YearMonth, never from input.
                for (String table : TABLES) {
                    s.execute("CREATE TABLE IF NOT EXISTS event." + name(table, month) + " PARTITION OF event." + table
                            + " FOR VALUES FROM ('" + BOUND.format(month.atDay(1)) + " 00:00:00+00') TO ('"
                            + BOUND.format(month.plusMonths(1).atDay(1)) + " 00:00:00+00')");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the audit partition for " + month, e);
            }
        });
        known.add(month);
    }

    /** The months that have a partition, oldest first. */
    public List<YearMonth> existing() {
        List<YearMonth> months = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT child.relname FROM pg_inherits i
                  JOIN pg_class child ON child.oid = i.inhrelid
                  JOIN pg_class parent ON parent.oid = i.inhparent
                  JOIN pg_namespace n ON n.oid = parent.relnamespace
                 WHERE n.nspname = 'event' AND parent.relname = 'audits'""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Matcher m = NAME.matcher(rs.getString(1));
                if (m.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list audit partitions", e);
        }
        months.sort(null);
        return months;
    }

    /**
     * Drops every partition whose whole month ends at or before {@code cutoff}, with the ATT&CK counts of those
     * months, and returns the months dropped.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<YearMonth> dropEndingBefore(Instant cutoff) {
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : existing()) {
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(cutoff)) {
                drop(month, end);
                dropped.add(month);
            }
        }
        return dropped;
    }

    private void drop(YearMonth month, Instant end) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             PreparedStatement counts = c.prepareStatement("DELETE FROM event.attack_counts_hourly WHERE hour < ?")) {
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS event." + name(table, month));
            }
            counts.setObject(1, end.atOffset(ZoneOffset.UTC));
            counts.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the audit partition of " + month, e);
        }
        known.remove(month);
        LOG.infof("dropped audit partition %s (retention)", month);
    }

    /** Forgets which partitions exist, e.g. after another replica dropped one. */
    public void forget() {
        known.clear();
    }

    static String name(String table, YearMonth month) {
        return String.format("%s_p%04d_%02d", table, month.getYear(), month.getMonthValue());
    }
}
