package io.ward.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.console.ConsoleException;
import io.ward.deploy.console.PolicyCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed workshop (Exercises 1 and 4) against a running console: the rule, pwn-python under ward-defender, the
 * `?cmd=ls` / `?cmd=env` attack seen as alert audits mapped to ATT&CK, then prevent, the same attack failing and
 * the prevent audits. Each step records its evidence; {@link #run()} returns them all.
 */
public final class SeedWalkthrough implements AutoCloseable {

    public static final String RULE_NAME = "Org App-Embedded Runtime Protection Policy";
    public static final String APP_ID = "webadmin-aci";
    static final List<String> SEED_ALLOWED = List.of("python", "python3", "/usr/local/bin/python3.9",
            "/usr/local/bin/python", "/usr/src/app/app.py");
    private static final Duration EVENTUAL = Duration.ofSeconds(30);
    private static final Pattern OUTPUT = Pattern.compile("<pre id=\"output\">(.*?)</pre>", Pattern.DOTALL);

    private final ConsoleClient console;
    private final Path wardHome;
    private final Path workDir;
    private final Path consoleCaFile;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Step> steps = new ArrayList<>();
    private Process app;
    private int appPort;

    /** One step of the walkthrough: what was checked, whether it held, and what was seen. */
    public record Step(String name, boolean passed, String evidence) {
    }

    /** {@code consoleCaFile}: the https console's own CA (PEM) for the defender to trust, or null. */
    public SeedWalkthrough(ConsoleClient admin, Path consoleCaFile, Path wardHome, Path workDir, PrintStream progress) {
        this.console = admin;
        this.consoleCaFile = consoleCaFile;
        this.wardHome = wardHome;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Runs every step, stopping at the first one that later steps cannot do without. */
    public List<Step> run() {
        try {
            step("Exercise 1: create the App-Embedded rule (effect alert)", this::applyAlertRule);
            String token = mintInstallToken();
            step("start pwn-python under ward-defender (app id " + APP_ID + ")", () -> startApp(token));
            step("defender shows as connected (Manage → Defenders)", this::defenderConnected);
            step("attack: ?cmd=ls runs (alert lets it through)", () -> attackSucceeds("ls", "app.py"));
            step("attack: ?cmd=env runs (alert lets it through)", () -> attackSucceeds("env", "PORT="));
            step("alert audits for the shell, ls and env (Monitor → Events)", () -> auditsFor("alert"));
            step("ATT&CK explorer counts the attack under Execution", this::explorerShowsExecution);
            step("switch the rule to prevent (Denied & fallback → Prevent)", this::switchToPrevent);
            step("attack: ?cmd=ls now fails, the page shows NONE", () -> attackFails("ls"));
            step("attack: ?cmd=env now fails, the page shows NONE", () -> attackFails("env"));
            step("prevent audits for the blocked shell", () -> auditsFor("prevent"));
        } catch (StepFailed stop) {
            // recorded already; later steps depend on this one
        }
        return List.copyOf(steps);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The seed's rule, exactly as Exercise 1 sets it. */
    public static ObjectNode seedRule(String effect) {
        ObjectNode rule = ConsoleClient.JSON.createObjectNode();
        rule.put("name", RULE_NAME).put("notes", "").put("disabled", false);
        rule.putObject("scope").putArray("appIds").add("*");
        ObjectNode processes = rule.putObject("processes").put("enabled", true);
        ArrayNode allowed = processes.putArray("allowed");
        SEED_ALLOWED.forEach(allowed::add);
        processes.putArray("denied");
        processes.put("effect", effect).put("cryptoMiners", true).put("modifiedBinaries", true);
        ObjectNode network = rule.putObject("network").put("enabled", true);
        network.putArray("listeningPorts").add("5000");
        network.putArray("outboundPorts");
        network.putArray("outboundIps");
        network.put("effect", "alert");
        ObjectNode dns = rule.putObject("dns").put("enabled", true);
        dns.putArray("allowed");
        dns.putArray("denied");
        dns.put("effect", "alert");
        return rule;
    }

    private String applyAlertRule() {
        JsonNode saved = PolicyCommand.apply(console, seedRule("alert")).saved();
        // First match wins: make sure no older rule shadows the seed's.
        console.post(PolicyCommand.rulePath(RULE_NAME) + "/move", ConsoleClient.JSON.createObjectNode().put("position", 0));
        return "rule \"" + RULE_NAME + "\" saved at position 0, revision " + saved.path("revision").asText()
                + ", allowed " + SEED_ALLOWED;
    }

    String mintInstallToken() {
        JsonNode created = console.post("/api/v1/defenders/install-tokens",
                ConsoleClient.JSON.createObjectNode().put("appId", APP_ID));
        String token = created.path("token").asText();
        if (token.isEmpty()) {
            throw new ConsoleException(0, "the console returned no install token");
        }
        return token;
    }

    String startApp(String token) throws IOException, InterruptedException {
        Path defender = wardHome.resolve("defender/build/ward-defender");
        if (!Files.isExecutable(defender)) {
            throw new StepFailed("the defender is not built: " + defender + " (run `make -C defender`)");
        }
        Path appDir = wardHome.resolve("examples/pwn-python");
        appPort = portFree(5000) ? 5000 : io.ward.localpg.LocalService.freePort();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("pwn-python.log");
        List<String> command = new ArrayList<>(List.of(defender.toString(), "run", "--app-id", APP_ID,
                "--console", console.base().toString(), "--data-folder", workDir.resolve("defender").toString()));
        if (consoleCaFile != null) {
            command.addAll(List.of("--ca-file", consoleCaFile.toString()));
        }
        command.addAll(List.of("--", python(), appDir.resolve("app.py").toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(appDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("WARD_TOKEN", token);
        pb.environment().put("PORT", Integer.toString(appPort));
        pb.environment().put("HOST", "127.0.0.1");
        Files.createDirectories(workDir.resolve("defender"));
        app = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new StepFailed("the protected app exited with status " + app.exitValue() + "; see " + log);
            }
            if (!portFree(appPort)) {
                return "pwn-python listening on 127.0.0.1:" + appPort + " (pid " + app.pid() + ", log " + log + ")";
            }
            Thread.sleep(100);
        }
        throw new StepFailed("pwn-python did not listen on port " + appPort + " within 20 s; see " + log);
    }

    private String defenderConnected() {
        JsonNode defender = eventually(() -> {
            for (JsonNode d : console.get("/api/v1/defenders?appId=" + APP_ID)) {
                if ("connected".equals(d.path("status").asText())) {
                    return d;
                }
            }
            return null;
        });
        return "instance " + defender.path("instanceId").asText() + " version " + defender.path("version").asText()
                + ", status connected";
    }

    private String attackSucceeds(String cmd, String expected) throws IOException, InterruptedException {
        String output = attack(cmd);
        if (output.equals("NONE") || !output.contains(expected)) {
            throw new StepFailed("?cmd=" + cmd + " showed " + abbreviate(output) + " (expected it to contain " + expected + ")");
        }
        return "?cmd=" + cmd + " → " + abbreviate(output);
    }

    private String attackFails(String cmd) throws IOException, InterruptedException {
        String output = attack(cmd);
        if (!output.equals("NONE")) {
            throw new StepFailed("?cmd=" + cmd + " still ran: " + abbreviate(output));
        }
        return "?cmd=" + cmd + " → NONE";
    }

    /** Sends the seed's request with basic auth and returns what the page shows as output. */
    String attack(String cmd) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/?cmd=" + cmd))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("antitree:password".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(15)).build();
        HttpResponse<String> page = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new StepFailed("pwn-python answered HTTP " + page.statusCode());
        }
        Matcher m = OUTPUT.matcher(page.body());
        return m.find() ? m.group(1).trim() : page.body();
    }

    private String auditsFor(String effect) {
        List<String> wanted = "alert".equals(effect) ? List.of("/dash", "/ls", "/env") : List.of("/dash");
        JsonNode found = eventually(() -> {
            JsonNode items = console.get("/api/v1/audits/app-embedded?appId=" + APP_ID + "&effect=" + effect
                    + "&type=processes&limit=200").path("items");
            for (String suffix : wanted) {
                if (!containsPath(items, suffix)) {
                    return null;
                }
            }
            return items;
        });
        StringBuilder evidence = new StringBuilder();
        for (String suffix : wanted) {
            for (JsonNode a : found) {
                if (a.path("process").path("path").asText().endsWith(suffix)) {
                    evidence.append("\n      ").append(a.path("effect").asText()).append(": ").append(a.path("message").asText());
                    break;
                }
            }
        }
        return found.size() + " " + effect + " audit(s)" + evidence;
    }

    private static boolean containsPath(JsonNode items, String suffix) {
        for (JsonNode a : items) {
            if (a.path("process").path("path").asText().endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private String explorerShowsExecution() {
        JsonNode execution = eventually(() -> {
            for (JsonNode tactic : console.get("/api/v1/attack/explorer?appId=" + APP_ID).path("tactics")) {
                if ("execution".equals(tactic.path("id").asText()) && tactic.path("count").asLong() > 0) {
                    return tactic;
                }
            }
            return null;
        });
        StringBuilder techniques = new StringBuilder();
        for (JsonNode t : execution.path("techniques")) {
            techniques.append(' ').append(t.path("id").asText()).append('=').append(t.path("count").asLong());
        }
        return "Execution count " + execution.path("count").asLong() + ":" + techniques;
    }

    private String switchToPrevent() {
        JsonNode saved = PolicyCommand.apply(console, seedRule("prevent")).saved();
        Instant switched = Instant.now();
        // The contract: a policy edit reaches running defenders in well under a second. Measure it.
        long tookMs = -1;
        while (Duration.between(switched, Instant.now()).toMillis() < 5000) {
            try {
                if ("NONE".equals(attack("true"))) {
                    tookMs = Duration.between(switched, Instant.now()).toMillis();
                    break;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (tookMs < 0) {
            throw new StepFailed("the running defender did not enforce prevent within 5 s");
        }
        return "revision " + saved.path("revision").asText() + "; the running container enforced it after " + tookMs + " ms";
    }

    private <T> T eventually(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (ConsoleException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StepFailed("not seen within " + EVENTUAL.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    private interface Action {
        String run() throws Exception;
    }

    private void step(String name, Action action) {
        progress.print("• " + name + " … ");
        progress.flush();
        try {
            String evidence = action.run();
            steps.add(new Step(name, true, evidence));
            progress.println("PASS\n      " + evidence);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            steps.add(new Step(name, false, why));
            progress.println("FAIL\n      " + why);
            throw new StepFailed(why);
        }
    }

    /** The Python the local machine has, by absolute path, so that no wrapper script (pyenv shims) runs first. */
    static String python() {
        for (String candidate : List.of("/usr/local/bin/python3", "/usr/bin/python3")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new StepFailed("no python3 in /usr/local/bin or /usr/bin");
    }

    private static boolean portFree(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 100 ? one.substring(0, 99) + "…" : one;
    }

    /** Stops the protected app (SIGTERM to the defender, which forwards it). */
    @Override
    public void close() {
        if (app != null && app.isAlive()) {
            app.destroy();
            try {
                if (!app.waitFor(10, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A step that failed; carries the reason shown to the user. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
