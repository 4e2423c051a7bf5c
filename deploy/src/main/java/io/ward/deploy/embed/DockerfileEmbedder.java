package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a Dockerfile so that ward-defender wraps the final stage's original command. The original text is kept
 * byte for byte; a block appended at the end (the final stage) copies the defender, its config and optional token,
 * and sets {@code ENTRYPOINT ["/usr/local/bin/ward-defender","run","--", <original ENTRYPOINT argv…>]}. CMD is left as
 * it was, so {@code docker run image other-args} still replaces only CMD.
 */
public final class DockerfileEmbedder {

    public static final String DEFENDER_PATH = "/usr/local/bin/ward-defender";
    public static final List<String> DEFENDER_PREFIX = List.of(DEFENDER_PATH, "run", "--");
    public static final String BINARY_ENTRY = "ward-defender";
    public static final String CONFIG_ENTRY = "ward-defender.conf";
    public static final String TOKEN_ENTRY = "ward-defender.token";
    public static final String CA_ENTRY = "ward-defender-ca.pem";
    public static final String CONFIG_PATH = "/etc/ward/defender.conf";
    public static final String TOKEN_PATH = "/etc/ward/token";
    public static final String CA_PATH = "/etc/ward/console-ca.pem";

    /**
     * What the caller knows beyond the file: whether a token and the console's CA are embedded, and the base image's
     * ENTRYPOINT/CMD (exec-form argv) when the file inherits them; null when not given.
     */
    public record Options(String appId, boolean tokenEmbedded, boolean caEmbedded, List<String> inheritedEntrypoint,
                          List<String> inheritedCmd) {
    }

    /** The rewritten Dockerfile, what it will run, and warnings to show on stderr. */
    public record Result(String dockerfile, List<String> entrypoint, List<String> cmd, List<String> warnings) {
    }

    private final String file;

    public DockerfileEmbedder(String file) {
        this.file = file;
    }

    public Result embed(String original, Options options) {
        List<Instruction> instructions = new DockerfileParser(file).parse(original);
        ImageConfig config = new StageResolver(file).resolve(instructions);
        List<String> warnings = new ArrayList<>();

        StartCommand entrypoint = config.entrypoint();
        StartCommand cmd = config.cmd();
        if (entrypoint == null && options.inheritedEntrypoint() == null) {
            throw new CliException(ExitCode.REFUSED, file + ":" + config.finalFrom().line()
                    + ": the final stage inherits its ENTRYPOINT from " + config.rootImage()
                    + ", which this file does not show; pass --entrypoint with the base image's entrypoint as a JSON"
                    + " array ('[]' if it has none), e.g. from: docker inspect -f '{{json .Config.Entrypoint}}' "
                    + config.rootImage());
        }
        if (entrypoint != null && options.inheritedEntrypoint() != null) {
            throw new CliException(ExitCode.USAGE, "--entrypoint is only for an inherited entrypoint; " + file + ":"
                    + entrypoint.instruction().line() + " sets ENTRYPOINT");
        }
        if (cmd == null && options.inheritedCmd() == null) {
            throw new CliException(ExitCode.REFUSED, file + ":" + config.finalFrom().line()
                    + ": the final stage inherits its CMD from " + config.rootImage()
                    + ", which this file does not show; pass --cmd with the base image's CMD as a JSON array"
                    + " ('[]' if it has none), e.g. from: docker inspect -f '{{json .Config.Cmd}}' " + config.rootImage());
        }
        if (cmd != null && options.inheritedCmd() != null) {
            throw new CliException(ExitCode.USAGE, "--cmd is only for an inherited CMD; " + file + ":"
                    + cmd.instruction().line() + " sets " + cmd.instruction().keyword());
        }
        List<String> entrypointArgv = entrypoint != null ? entrypoint.argv() : options.inheritedEntrypoint();
        List<String> cmdArgv = cmd != null ? cmd.argv() : options.inheritedCmd();
        if (entrypointArgv.isEmpty() && cmdArgv.isEmpty()) {
            throw new DockerfileRefusedException(file, config.finalFrom().line(),
                    "the final stage runs no command (empty ENTRYPOINT and CMD); there is nothing to protect");
        }
        List<String> argv = new ArrayList<>(entrypointArgv);
        argv.addAll(cmdArgv);
        if (argv.get(0).equals(DEFENDER_PATH) || argv.get(0).endsWith("/ward-defender")) {
            int line = entrypoint != null ? entrypoint.instruction().line() : config.finalFrom().line();
            throw new DockerfileRefusedException(file, line, "already embedded: the command starts with " + argv.get(0));
        }
        refuseShellFormWithoutShell(config, entrypoint);
        refuseShellFormWithoutShell(config, cmd);

        List<String> newEntrypoint = new ArrayList<>(DEFENDER_PREFIX);
        newEntrypoint.addAll(entrypointArgv);

        StringBuilder out = new StringBuilder(original);
        String newline = original.contains("\r\n") ? "\r\n" : "\n";
        if (!original.isEmpty() && !original.endsWith("\n")) {
            out.append(newline);
        }
        out.append(newline);
        out.append("# ward embed: the ward-defender app-embedded defender (app id ").append(options.appId())
                .append(") wraps the original command").append(newline);
        out.append("COPY --chmod=0755 ").append(BINARY_ENTRY).append(' ').append(DEFENDER_PATH).append(newline);
        out.append("COPY --chmod=0644 ").append(CONFIG_ENTRY).append(' ').append(CONFIG_PATH).append(newline);
        if (options.caEmbedded()) {
            out.append("COPY --chmod=0644 ").append(CA_ENTRY).append(' ').append(CA_PATH).append(newline);
        }
        if (options.tokenEmbedded()) {
            out.append("COPY ").append(chown(config.user(), warnings)).append("--chmod=0400 ")
                    .append(TOKEN_ENTRY).append(' ').append(TOKEN_PATH).append(newline);
        }
        out.append("ENTRYPOINT ").append(StartCommand.toExecForm(newEntrypoint)).append(newline);
        // a new ENTRYPOINT resets a CMD not set in this stage, so an inherited one is written out again
        if (!config.cmdSetInFinalStage() && !cmdArgv.isEmpty()) {
            out.append("CMD ").append(StartCommand.toExecForm(cmdArgv)).append(newline);
        }
        return new Result(out.toString(), List.copyOf(newEntrypoint), List.copyOf(cmdArgv), warnings);
    }

    /** Shell form needs /bin/sh; an image FROM scratch or distroless has none, so it could never have worked. */
    private void refuseShellFormWithoutShell(ImageConfig config, StartCommand command) {
        if (command == null || !command.shellForm() || command.instruction() == null) {
            return;
        }
        String root = config.rootImage();
        boolean noShell = root.equals("scratch") || root.contains("distroless") && !root.contains("debug");
        if (noShell) {
            throw new DockerfileRefusedException(file, command.instruction().line(), command.instruction().keyword()
                    + " uses shell form, but " + root + " has no shell; write it in exec form, e.g. "
                    + command.instruction().keyword() + " [\"/app\"]");
        }
    }

    /** The token must be readable by the user the defender runs as (the final USER). */
    private static String chown(String user, List<String> warnings) {
        if (user == null) {
            warnings.add("the image user is inherited from the base image; the token file is owned by root (mode 0400)."
                    + " If the image runs as another user, add a USER line or pass WARD_TOKEN at run time instead.");
            return "";
        }
        String name = user.toLowerCase(Locale.ROOT);
        if (name.equals("root") || name.equals("0") || name.equals("root:root") || name.equals("0:0")) {
            return "";
        }
        return "--chown=" + user + " ";
    }
}
