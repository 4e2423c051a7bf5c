package io.ward.policy.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ward.policy.repository.RuntimeRuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Follows rule set changes made by any instance: LISTENs on the revision channel over its own connection and
 * refreshes the cache on each NOTIFY. Every few seconds without news it compares revisions anyway, which also
 * notices a connection that died; it then reconnects.
 */
@ApplicationScoped
public class RevisionListener {

    private static final Logger LOG = Logger.getLogger(RevisionListener.class);
    private static final int POLL_MILLIS = 5_000;

    private final RuleSetCache cache;
    private final String url;
    private final String username;
    private final String password;
    private final String schema;

    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public RevisionListener(RuleSetCache cache, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                            @ConfigProperty(name = "quarkus.datasource.username") String username,
                            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password,
                            @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.cache = cache;
        this.url = url;
        this.username = username;
        this.password = password;
        this.schema = schema;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "ward-revision-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True while connected and listening; readiness reports it. */
    public boolean isListening() {
        return listening;
    }

    private void run() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username, password)) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.warnf("Revision listener lost its connection (%s); reconnecting", e.getMessage());
                    sleepQuietly(1_000);
                }
            }
        }
        listening = false;
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + RuntimeRuleRepository.CHANNEL);
        }
        listening = true;
        cache.refresh(); // anything committed before LISTEN took effect
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                cache.refresh();
            } else if (revision(connection) != cache.current().revision()) {
                cache.refresh();
            }
        }
    }

    private long revision(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT revision FROM \"" + schema + "\".rule_set WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
