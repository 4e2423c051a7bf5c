package io.ward.deploy.local;

import io.ward.deploy.ExitCode;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.localpg.LocalService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward up`: runs the whole console locally until Ctrl-C / SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole Ward console locally, on one port.",
                "",
                "Starts PostgreSQL, policy-service, event-service, attack-mapper and the front door. Data persists in",
                "the data folder between runs. Ctrl-C (or SIGTERM) stops everything.",
                "",
                "The first admin is 'admin' with WARD_ADMIN_PASSWORD, or a generated password printed here once",
                "and kept (mode 0600) in <data-dir>/admin-password. Set WARD_DB_URL (+ WARD_DB_USER,",
                "WARD_DB_PASSWORD) to use your own PostgreSQL instead of the embedded one.",
                "",
                "--tls serves HTTPS only, with a certificate from a CA generated on first use in <data-dir>/tls/ca.pem",
                "(for 127.0.0.1, ::1, localhost and this host's name; kept, renewed when it expires or the names change)."},
        footer = {"", "Examples:", "  ward up --port 8080", "  ward login --console http://127.0.0.1:8080 --username admin",
                "  ward up --tls", "  ward login --console https://127.0.0.1:8080 --ca-file ~/.ward/tls/ca.pem"})
public class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Front door port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the console to your network).")
    String host;

    @Option(names = "--data-dir", description = "Where data and logs live (default: ~/.ward).")
    Path dataDir;

    @Option(names = "--tls", description = "Serve HTTPS only, with a local CA kept in <data-dir>/tls.")
    boolean tls;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".ward");
        LocalSuite suite;
        try {
            suite = LocalSuite.start(LocalService.wardHome(), new LocalSuite.Options(dir, host, port,
                    System.getenv("WARD_ADMIN_PASSWORD"), tls), System.err);
        } catch (RuntimeException e) {
            System.err.println("ward up: " + e.getMessage());
            return ExitCode.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping Ward…");
            suite.close();
            stopped.countDown();
        }, "ward-up-stop"));
        printLogin(suite.consoleUrl(), suite.adminPassword(), suite.dataDir());
        if (suite.caFile() != null) {
            ConsoleCa ca = ConsoleCa.read("the console's CA", suite.caFile());
            System.out.println("CA:           " + suite.caFile() + "   (SHA-256 " + ca.sha256() + ")");
            System.out.println("Log in with:  ward login --console " + suite.consoleUrl() + " --ca-file " + suite.caFile());
        }
        System.out.println("Logs:         " + suite.dataDir().resolve("logs"));
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** Where the console is (open it in a browser) and how to sign in. */
    static void printLogin(String consoleUrl, String adminPassword, Path dataDir) {
        System.out.println("Ward console: " + consoleUrl);
        System.out.println("Admin user:   admin");
        System.out.println("Password:     " + (System.getenv("WARD_ADMIN_PASSWORD") != null
                ? "(from WARD_ADMIN_PASSWORD)" : adminPassword + "   (kept in " + dataDir.resolve("admin-password") + ")"));
    }
}
