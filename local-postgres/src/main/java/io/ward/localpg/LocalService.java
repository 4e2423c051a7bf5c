package io.ward.localpg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One Ward Quarkus service (policy-service, event-service, attack-mapper) running from its built
 * {@code target/quarkus-app} as a separate JVM, for {@code ward up} and for tests that need the real thing.
 */
public final class LocalService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalService.class.getName());

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;

    private LocalService(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code module} from {@code wardHome/module/target/quarkus-app/quarkus-run.jar} on {@code port}
     * with the given environment, and waits until {@code /q/health/ready} answers 200.
     */
    public static LocalService start(Path wardHome, String module, int port, Map<String, String> env,
                                     Path logFile, Duration readyTimeout) {
        Path jar = quarkusRunJar(wardHome, module);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process p = pb.start();
            LocalService service = new LocalService(module, port, p, logFile);
            service.awaitReady(readyTimeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /** The built service's runnable jar, or a clear error naming the build command. */
    public static Path quarkusRunJar(Path wardHome, String module) {
        Path jar = wardHome.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not built (" + jar + " missing): run `mvn -DskipTests package` in "
                    + wardHome);
        }
        return jar;
    }

    /** The repository root: the system property ward.home, or the nearest folder upwards holding policy-service/. */
    public static Path wardHome() {
        String prop = System.getProperty("ward.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("policy-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the Ward repository root; set -Dward.home");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environment that points a service at a database, for use with {@link #start}. */
    public static Map<String, String> databaseEnv(LocalPostgres pg) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WARD_DB_URL", pg.jdbcUrl());
        env.put("WARD_DB_USER", pg.username());
        env.put("WARD_DB_PASSWORD", pg.password());
        return env;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before it was ready; see " + logFile);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.info(name + " is ready on " + baseUrl());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + logFile);
    }

    /** Stops the service (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
