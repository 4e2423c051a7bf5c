package io.ward.localpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Starts the real server, talks SQL to it, and checks that data persists across restarts of a persistent one. */
class LocalPostgresTest {

    @Test
    void temporaryServerAnswersSqlAndIsGoneAfterClose() throws Exception {
        Path data;
        try (LocalPostgres pg = LocalPostgres.startTemporary()) {
            data = pg.dataDir();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
                assertTrue(rs.next());
                assertEquals(17, rs.getInt(1));
            }
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "wrong-password"));
        }
        assertFalse(Files.exists(data), "temporary data folder is deleted on close");
    }

    @Test
    void persistentServerKeepsDataAcrossRestarts() throws Exception {
        Path dir = Files.createTempDirectory("ward-pg-persist-test-");
        // Traversable by others, as `ward up`'s data folder is, so the data stays in it even when run as root.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        int port;
        try (LocalPostgres pg = LocalPostgres.startPersistent(dir, freePort())) {
            port = pg.port();
            pg.createDatabase("keepme");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("keepme"), pg.username(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("create table t(v text)");
                s.execute("insert into t values ('still here')");
            }
        }
        try (LocalPostgres pg = LocalPostgres.startPersistent(dir, port);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("keepme"), pg.username(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from t")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
            assertTrue(pg.dataDir().startsWith(dir), "data kept in the folder asked for: " + pg.dataDir());
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
