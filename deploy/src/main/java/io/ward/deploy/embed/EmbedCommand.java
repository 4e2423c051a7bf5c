package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.acr.DockerIgnore;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.localpg.LocalService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward embed`: wraps a Dockerfile's entrypoint with ward-defender and writes the seed's app_embedded_embed zip. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed the ward-defender into a Dockerfile (final stage only) and write "
                + "app_embedded_embed_<app-id>.zip with the rewritten Dockerfile, the static defender and its config.",
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  ward embed --app-id webadmin-aci --console https://ward.example.com --data-folder /tmp Dockerfile",
            "  unzip -o app_embedded_embed_webadmin-aci.zip    # replaces Dockerfile, adds ward-defender*",
            "  ward embed --app-id api --console https://ward.example.com --entrypoint '[]' --cmd '[\"python3\"]' Dockerfile",
            "",
            "The install token:",
            "  --mint-token  logs in to the console with WARD_USER/WARD_PASSWORD (or WARD_ACCESS_KEY_ID/",
            "                WARD_ACCESS_KEY_SECRET) and puts a token scoped to the app id into the image.",
            "  --token T     puts the token you give into the image (/etc/ward/token, readable only by the USER).",
            "  neither       keeps the image free of secrets: pass the token at run time as a secure variable,",
            "                e.g. ward aci create ... --secure-env WARD_TOKEN=wdt_...",
            "",
            "A container's very first start, before any rule is kept and with the console away, runs the app without a",
            "rule until the console answers; --require-rule makes it wait for the rule instead (fail closed).",
            "",
            "An https console whose certificate the system's CAs do not trust (e.g. `ward up --tls`): its CA goes into",
            "the image, given with --console-ca FILE, or fetched from the console and confirmed by its SHA-256",
            "fingerprint (asked at the terminal, or --console-ca-fingerprint). The defender verifies chain and host name.",
            "",
            "When the final stage inherits ENTRYPOINT or CMD from its base image, the file does not say what it is:",
            "pass it with --entrypoint/--cmd as a JSON array; docker inspect -f '{{json .Config.Entrypoint}}' IMAGE shows it.",
            "Exit codes: 0 written, 2 bad flags, 3 console login refused, 5 Dockerfile refused (file:line: reason)."})
public class EmbedCommand implements Callable<Integer> {

    @Option(names = "--app-id", required = true, description = "App id the defender reports as (scopes its token).")
    String appId;

    @Option(names = {"--console", "--address"}, required = true, description = "Console URL the defender talks to.")
    String console;

    @Option(names = "--data-folder", defaultValue = "/tmp",
            description = "Folder in the container for the cached rule and spooled audits (default: ${DEFAULT-VALUE}).")
    String dataFolder;

    @ArgGroup(exclusive = true)
    TokenSource tokenSource;

    /** Where the install token comes from; neither means "given at run time". */
    static class TokenSource {
        @Option(names = "--token", description = "Install token to embed (wdt_…).")
        String token;

        @Option(names = "--mint-token", description = "Mint an install token for --app-id at the console.")
        boolean mint;
    }

    @Option(names = "--defender-binary",
            description = "Static ward-defender binary (default: <ward home>/defender/build/ward-defender).")
    Path defenderBinary;

    @Option(names = "--entrypoint", description = "The base image's ENTRYPOINT as a JSON array, when inherited.")
    String entrypoint;

    @Option(names = "--cmd", description = "The base image's CMD as a JSON array, when inherited.")
    String cmd;

    @Option(names = "--require-rule", description = "The app starts only once its rule is known: at a first start"
            + " with the console away it waits instead of running unprotected.")
    boolean requireRule;

    @Option(names = "--console-ca", paramLabel = "FILE", description = "PEM certificate of the CA that issued an https"
            + " console's certificate, when the system does not trust it; copied into the image (/etc/ward/console-ca.pem).")
    Path consoleCa;

    @Option(names = "--console-ca-fingerprint", paramLabel = "SHA256", description = "Without --console-ca: trust the CA"
            + " the console presents if its SHA-256 fingerprint is this one (instead of asking at the terminal).")
    String consoleCaFingerprint;

    @Option(names = "--output-dir", defaultValue = ".", description = "Where to write the zip (default: current directory).")
    Path outputDir;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "Dockerfile", description = "The Dockerfile to embed.")
    Path dockerfile;

    @Override
    public Integer call() throws IOException {
        DefenderConfig.checkAppId(appId);
        String consoleUrl = DefenderConfig.checkConsole(console);
        DefenderConfig.checkDataFolder(dataFolder);
        if (!Files.isRegularFile(dockerfile)) {
            throw new CliException(ExitCode.USAGE, "no Dockerfile at " + dockerfile);
        }
        Path binary = defenderBinary != null ? defenderBinary : defaultDefenderBinary();
        if (!Files.isRegularFile(binary)) {
            throw new CliException(ExitCode.USAGE, "the ward-defender binary is missing at " + binary
                    + " (build it with `make -C defender` or pass --defender-binary)");
        }
        String name = dockerfile.getFileName().toString();
        String original = Files.readString(dockerfile, StandardCharsets.UTF_8);
        String token = tokenSource == null ? null : tokenSource.token;
        if (token != null && !token.matches("[\\x21-\\x7e]+")) {
            throw new CliException(ExitCode.USAGE, "--token must be a single printable word (an install token wdt_…)");
        }
        List<String> inheritedEntrypoint = jsonArray("--entrypoint", entrypoint);
        List<String> inheritedCmd = jsonArray("--cmd", cmd);
        DockerfileEmbedder embedder = new DockerfileEmbedder(name);
        // a refused Dockerfile is refused before the console is asked anything (and costs no token)
        embedder.embed(original, new DockerfileEmbedder.Options(appId, tokenSource != null, false,
                inheritedEntrypoint, inheritedCmd));
        ConsoleCa ca = ConsoleCaChoice.choose(consoleUrl, consoleCa, consoleCaFingerprint,
                ConsoleCaChoice.Terminal.system(), System.err);
        DockerfileEmbedder.Options options = new DockerfileEmbedder.Options(appId, tokenSource != null, ca != null,
                inheritedEntrypoint, inheritedCmd);
        DockerfileEmbedder.Result result = embedder.embed(original, options);
        if (tokenSource != null && tokenSource.mint) {
            System.err.println("minting an install token for " + appId + " at " + consoleUrl + " …");
            token = new InstallTokenClient(consoleUrl, ca).mint(InstallTokenClient.loginFromEnvironment(System.getenv()), appId);
        }
        result.warnings().forEach(w -> System.err.println("warning: " + w));
        DefenderBinaryCheck.warning(binary).ifPresent(w -> System.err.println("warning: " + w));
        warnIfIgnored(dockerfile.toAbsolutePath().getParent(), options);
        String config = DefenderConfig.render(appId, consoleUrl, dataFolder, options.tokenEmbedded(), ca != null,
                requireRule);
        Path zip = EmbedBundle.write(outputDir, appId, result.dockerfile(), binary, config, token,
                ca == null ? null : ca.pem());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zip", zip.toString());
        out.put("appId", appId);
        out.put("entrypoint", StartCommand.toExecForm(result.entrypoint()));
        out.put("cmd", StartCommand.toExecForm(result.cmd()));
        out.put("token", options.tokenEmbedded() ? "embedded (/etc/ward/token)" : "not embedded: pass WARD_TOKEN at run time");
        out.put("consoleCa", ca == null ? "none (plain http, or the system's CAs trust the console)"
                : ca.subject() + " SHA-256 " + ca.sha256() + " (" + DockerfileEmbedder.CA_PATH + ")");
        output.print(System.out, out);
        return ExitCode.OK;
    }

    /** The bundle's files must reach the build context; a .dockerignore that excludes them breaks the build. */
    private static void warnIfIgnored(Path contextDir, DockerfileEmbedder.Options options) throws IOException {
        DockerIgnore ignore = DockerIgnore.load(contextDir);
        List<String> files = new ArrayList<>(List.of(DockerfileEmbedder.BINARY_ENTRY, DockerfileEmbedder.CONFIG_ENTRY));
        if (options.tokenEmbedded()) {
            files.add(DockerfileEmbedder.TOKEN_ENTRY);
        }
        if (options.caEmbedded()) {
            files.add(DockerfileEmbedder.CA_ENTRY);
        }
        for (String file : files) {
            if (ignore.isIgnored(file)) {
                System.err.println("warning: .dockerignore excludes " + file + "; add the line !" + file + " to it");
            }
        }
    }

    private static Path defaultDefenderBinary() {
        try {
            return LocalService.wardHome().resolve("defender/build/ward-defender");
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, "cannot find the Ward home (set -Dward.home or run inside the"
                    + " repository); pass --defender-binary PATH");
        }
    }

    private static List<String> jsonArray(String flag, String value) {
        if (value == null) {
            return null;
        }
        List<String> argv = StartCommand.execForm(value.strip());
        if (argv == null) {
            throw new CliException(ExitCode.USAGE, flag + " must be a JSON array of strings, e.g. '[\"python3\"]' or '[]'");
        }
        return argv;
    }
}
