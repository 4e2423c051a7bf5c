package io.ward.deploy.local;

import io.ward.deploy.ExitCode;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.console.ConsoleException;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.deploy.tls.ConsoleTrust;
import io.ward.localpg.LocalService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `ward demo`: the seed walkthrough end to end on this machine, with a pass/fail summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Play the seed workshop end to end on this machine, with a pass/fail summary.",
                "",
                "Against a local console (started if none answers on --port):",
                "create \"" + SeedWalkthrough.RULE_NAME + "\" as in Exercise 1, run pwn-python under",
                "ward-defender as app " + SeedWalkthrough.APP_ID + ", attack it with ?cmd=ls and ?cmd=env, show the alert",
                "audits, the connected defender and the ATT&CK explorer, switch the rule to prevent, attack again",
                "(the page shows NONE) and show the prevent audits. Exits non-zero if any step fails.",
                "",
                "Against a console that is already running, the admin password comes from WARD_ADMIN_PASSWORD or",
                "<data-dir>/admin-password."},
        footer = {"", "Example:", "  ward demo"})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Console port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", description = "Data folder of the local console (default: ~/.ward).")
    Path dataDir;

    @Option(names = "--tls", description = "The console serves HTTPS with its local CA (<data-dir>/tls/ca.pem), as"
            + " `ward up --tls` runs it; the defender verifies it.")
    boolean tls;

    @Override
    public Integer call() throws IOException {
        Path dir = (dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".ward")).toAbsolutePath();
        String consoleUrl = (tls ? "https" : "http") + "://127.0.0.1:" + port;
        Path caFile = tls ? new LocalCertificates(dir).caFile() : null;
        LocalSuite suite = null;
        try {
            String password = System.getenv("WARD_ADMIN_PASSWORD");
            if (answers(consoleUrl, caFile)) {
                System.err.println("using the Ward console already running at " + consoleUrl);
                if (password == null || password.isBlank()) {
                    password = LocalSuite.savedAdminPassword(dir);
                }
            } else {
                System.err.println("no console on " + consoleUrl + "; starting one (data in " + dir + ")");
                suite = LocalSuite.start(LocalService.wardHome(), new LocalSuite.Options(dir, "127.0.0.1", port, password, tls),
                        System.err);
                password = suite.adminPassword();
            }
            ConsoleCa ca = caFile == null ? null : ConsoleCa.read("the console's CA", caFile);
            ConsoleClient admin = ConsoleClient.login(URI.create(consoleUrl), ca, "admin", password);
            List<SeedWalkthrough.Step> steps;
            try (SeedWalkthrough walkthrough = new SeedWalkthrough(admin, caFile, LocalService.wardHome(),
                    dir.resolve("demo"), System.out)) {
                steps = walkthrough.run();
            }
            long passed = steps.stream().filter(SeedWalkthrough.Step::passed).count();
            boolean complete = steps.size() == 11 && passed == steps.size();
            System.out.println();
            System.out.println((complete ? "PASS" : "FAIL") + ": " + passed + " of 11 steps passed"
                    + (complete ? "" : " (see the FAIL line above)"));
            System.out.println();
            UpCommand.printLogin(consoleUrl, password, dir);
            if (suite != null) {
                System.out.println("(the demo stops this console now; `ward up` keeps one running)");
            }
            return complete ? ExitCode.OK : ExitCode.FAILED;
        } catch (LocalSuite.PortBusyException | ConsoleException | IllegalStateException e) {
            System.err.println("ward demo: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            if (suite != null) {
                suite.close();
            }
        }
    }

    /** Whether a console answers there (over https: with a certificate from the local CA, when there is one yet). */
    private static boolean answers(String consoleUrl, Path caFile) {
        if (caFile != null && !Files.exists(caFile)) {
            return false;
        }
        try {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(ConsoleTrust.context(caFile == null ? null : ConsoleCa.read("the console's CA", caFile)))
                    .build();
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(URI.create(consoleUrl + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
