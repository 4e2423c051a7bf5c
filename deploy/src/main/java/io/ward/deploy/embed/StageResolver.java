package io.ward.deploy.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the stages of a Dockerfile (FROM … AS, a stage built FROM an earlier one, global ARGs before the first
 * FROM) and computes the final stage's {@link ImageConfig} with Docker's rules: a stage inherits its parent's
 * config, SHELL changes what shell form means, and ENTRYPOINT resets a CMD not set in the same stage.
 */
public final class StageResolver {

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final String file;

    public StageResolver(String file) {
        this.file = file;
    }

    /** One stage: its FROM, its resolved base image text, its name and its instructions. */
    record Stage(Instruction from, String base, String name, List<Instruction> body) {
    }

    /** The config a stage leaves behind for the stages built FROM it. */
    private record State(StartCommand entrypoint, StartCommand cmd, String user, List<String> shell, String rootImage) {
    }

    public ImageConfig resolve(List<Instruction> instructions) {
        List<Stage> stages = stages(instructions);
        if (stages.isEmpty()) {
            throw new DockerfileRefusedException(file, instructions.isEmpty() ? 1 : instructions.get(0).line(),
                    "no FROM instruction");
        }
        Map<String, State> byName = new HashMap<>();
        State state = null;
        boolean cmdSetInStage = false;
        for (Stage stage : stages) {
            State parent = byName.get(stage.base().toLowerCase(Locale.ROOT));
            state = parent != null ? parent
                    : new State(null, null, null, DEFAULT_SHELL, stage.base().toLowerCase(Locale.ROOT));
            cmdSetInStage = false;
            for (Instruction in : stage.body()) {
                switch (in.keyword()) {
                    case "SHELL" -> {
                        List<String> shell = StartCommand.execForm(in.arguments());
                        if (shell == null || shell.isEmpty()) {
                            throw new DockerfileRefusedException(file, in.line(), "SHELL must be a JSON array of strings");
                        }
                        state = new State(state.entrypoint(), state.cmd(), state.user(), shell, state.rootImage());
                    }
                    case "ENTRYPOINT" -> {
                        StartCommand cmd = cmdSetInStage ? state.cmd() : new StartCommand(List.of(), false, in);
                        state = new State(StartCommand.parse(in, state.shell()), cmd, state.user(), state.shell(),
                                state.rootImage());
                    }
                    case "CMD" -> {
                        cmdSetInStage = true;
                        state = new State(state.entrypoint(), StartCommand.parse(in, state.shell()), state.user(),
                                state.shell(), state.rootImage());
                    }
                    case "USER" -> state = new State(state.entrypoint(), state.cmd(), in.arguments(), state.shell(),
                            state.rootImage());
                    default -> {
                    }
                }
            }
            if (stage.name() != null) {
                byName.put(stage.name(), state);
            }
        }
        Stage last = stages.get(stages.size() - 1);
        return new ImageConfig(state.entrypoint(), state.cmd(), cmdSetInStage, state.user(), state.rootImage(), last.from());
    }

    /** Splits instructions into stages, expanding global ARG defaults in FROM lines. */
    List<Stage> stages(List<Instruction> instructions) {
        Map<String, String> globalArgs = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> body = null;
        for (Instruction in : instructions) {
            if (in.keyword().equals("FROM")) {
                List<String> words = new ArrayList<>(List.of(in.arguments().split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                if (words.isEmpty() || words.get(0).isEmpty()) {
                    throw new DockerfileRefusedException(file, in.line(), "FROM needs an image");
                }
                String name = null;
                if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
                    name = words.get(2).toLowerCase(Locale.ROOT);
                } else if (words.size() != 1) {
                    throw new DockerfileRefusedException(file, in.line(), "cannot read FROM '" + in.arguments() + "'");
                }
                body = new ArrayList<>();
                stages.add(new Stage(in, expand(words.get(0), globalArgs), name, body));
            } else if (body == null) {
                if (!in.keyword().equals("ARG")) {
                    throw new DockerfileRefusedException(file, in.line(), in.keyword() + " before the first FROM");
                }
                readArg(in.arguments(), globalArgs);
            } else {
                body.add(in);
            }
        }
        return stages;
    }

    private static void readArg(String arguments, Map<String, String> args) {
        for (String word : arguments.split("\\s+")) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : unquote(word.substring(eq + 1));
            args.put(key, value);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String expand(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String value = args.getOrDefault(name, "");
            if (value.isEmpty() && m.group(2) != null) {
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
