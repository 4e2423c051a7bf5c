package io.ward.localpg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server started from the zonky binaries on the classpath, for tests and {@code ward up}.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM is root the server runs as {@code nobody} through
 * {@code runuser}; its binaries and data then live where that user can reach them. The server listens on
 * 127.0.0.1 only and requires a password (SCRAM) that is generated per data folder.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class.getName());
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_USER = "nobody";
    /** Bumped when the bundled binaries change, so a stale extraction is never reused. */
    private static final String BINARIES_ID = "17.6.0";
    public static final String SUPERUSER = "ward";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final boolean temporary;
    private volatile boolean stopped;

    private LocalPostgres(Path binDir, Path dataDir, int port, String password, boolean temporary) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.temporary = temporary;
    }

    /** Starts a throw-away server on a free port; {@link #close()} stops it and deletes its data. */
    public static LocalPostgres startTemporary() {
        try {
            Path data = Files.createTempDirectory(scratchRoot(), "ward-pg-data-");
            return start(data, LocalService.freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for PostgreSQL", e);
        }
    }

    /**
     * Starts a server whose data persists in {@code dataDir} (created and initialised on first use).
     * When running as root and {@code dataDir} is not reachable by {@code nobody}, the data goes to a
     * folder under /var/lib/ward named after {@code dataDir}, and the log says where.
     */
    public static LocalPostgres startPersistent(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path effective = dataDir.toAbsolutePath().normalize();
            if (isRoot() && !reachableByUnprivileged(effective)) {
                String key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(effective.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
                Path moved = Path.of("/var/lib/ward/postgres-" + key);
                LOG.info("PostgreSQL cannot run as root and " + effective + " is not reachable by '"
                        + UNPRIVILEGED_USER + "'; keeping its data in " + moved);
                effective = moved;
                Files.createDirectories(effective);
            }
            return start(effective, port, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL data folder " + dataDir, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalPostgres start(Path dataDir, int port, boolean temporary) throws IOException {
        Path bin = extractBinaries();
        Path cluster = dataDir.resolve("pgdata");
        Path pwFile = dataDir.resolve("superuser-password");
        String password;
        if (Files.exists(pwFile)) {
            password = Files.readString(pwFile).trim();
        } else {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            password = HexFormat.of().formatHex(raw);
            Files.writeString(pwFile, password + "\n");
        }
        giveToServerUser(dataDir);
        restrict(pwFile);

        LocalPostgres pg = new LocalPostgres(bin, cluster, port, password, temporary);
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            pg.initdb(pwFile);
        }
        pg.pgCtlStart();
        return pg;
    }

    /** JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates database {@code name} unless it exists (used to give local runs their own database). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("invalid database name: " + name);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), SUPERUSER, password);
             java.sql.PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (java.sql.ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (java.sql.Statement create = c.createStatement()) {
                // CREATE DATABASE takes no bind parameters; the name is validated above.
                create.execute("CREATE DATABASE " + name);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "stop", "-D", dataDir.toString(), "-m", "fast", "-w",
                    "-t", "30"), Duration.ofSeconds(40));
        } catch (RuntimeException e) {
            LOG.warning("stopping PostgreSQL failed: " + e.getMessage());
        }
        if (temporary) {
            deleteTree(dataDir.getParent());
        }
    }

    private void initdb(Path pwFile) {
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"),
                Duration.ofMinutes(2));
    }

    private void pgCtlStart() {
        // Unix sockets go into the cluster folder, which only the server's user can open.
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories='"
                + dataDir + "' -c max_connections=300 -c fsync=" + (temporary ? "off" : "on");
        run(List.of(binDir.resolve("pg_ctl").toString(), "start", "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", dataDir.resolveSibling("postgres.log").toString(), "-o", options),
                Duration.ofSeconds(90));
        if (temporary) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-postgres-stop"));
        }
        LOG.info("PostgreSQL is up on 127.0.0.1:" + port + " (data " + dataDir + ")");
    }

    private static void run(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command.get(0));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                        + p.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** Extracts the bundled binaries once per machine into a folder every user can read and run. */
    private static synchronized Path extractBinaries() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "ward-postgres-" + BINARIES_ID);
        Path bin = root.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres")) && Files.exists(root.resolve(".complete"))) {
            return bin;
        }
        Path staging = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ward-pg-extract-");
        try (InputStream raw = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath (zonky binaries jar missing)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IOException("archive entry escapes the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        boolean exec = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (var walk = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), BINARIES_ID);
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // Another process extracted it first; use theirs.
            deleteTree(staging);
            if (!Files.exists(root.resolve(".complete"))) {
                throw raced;
            }
        }
        return bin;
    }

    private static Path scratchRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void giveToServerUser(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (isRoot()) {
            run2("chown", "-R", UNPRIVILEGED_USER, dir.toString());
        }
    }

    private static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    private static boolean reachableByUnprivileged(Path dir) {
        try {
            Process p = new ProcessBuilder("runuser", "-u", UNPRIVILEGED_USER, "--", "test", "-x", dir.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run2(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp folder left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
