package io.ward.attack.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an audited process into the commands it runs: the process itself, plus what a shell runs with {@code -c}
 * (also through {@code su -c}, {@code eval}, trap handlers, {@code find -exec} and wrappers such as sudo, env, timeout
 * or busybox), recursively, and the script a pipeline decodes from a literal ({@link DecodedPayload}).
 */
public final class CommandExtractor {

    private static final int MAX_DEPTH = 5;
    private static final int MAX_COMMANDS = 256;
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "pdksh",
            "yash", "csh", "tcsh", "fish");
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "!", "{", "}", "time");
    private static final Set<String> NO_COMMAND_KEYWORDS = Set.of("for", "case", "esac", "select", "function", "in");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern REDIRECT = Pattern.compile("(\\d*|&)(<>|>>|>\\||>&|<&|>|<)(.*)", Pattern.DOTALL);
    private static final Set<String> FIND_EXEC = Set.of("-exec", "-execdir", "-ok", "-okdir");
    private static final Set<String> FIND_EXEC_END = Set.of(";", "\\;", "+");
    private static final Pattern SHELL_C_OPTION = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");

    /** How to find the wrapped command: options that take a value, then positional arguments to skip. */
    private record Wrapper(Set<String> optionsWithValue, int positionalToSkip) {
    }

    private static final Map<String, Wrapper> WRAPPERS = Map.ofEntries(
            Map.entry("sudo", new Wrapper(Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"), 0)),
            Map.entry("doas", new Wrapper(Set.of("-u", "-C"), 0)),
            Map.entry("runuser", new Wrapper(Set.of("-u", "-g", "-G", "--user", "--group"), 0)),
            Map.entry("env", new Wrapper(Set.of("-u", "-C", "--unset", "--chdir"), 0)),
            Map.entry("nohup", new Wrapper(Set.of(), 0)),
            Map.entry("setsid", new Wrapper(Set.of(), 0)),
            Map.entry("command", new Wrapper(Set.of(), 0)),
            Map.entry("builtin", new Wrapper(Set.of(), 0)),
            Map.entry("exec", new Wrapper(Set.of("-a"), 0)),
            Map.entry("time", new Wrapper(Set.of("-f", "-o"), 0)),
            Map.entry("stdbuf", new Wrapper(Set.of("-i", "-o", "-e"), 0)),
            Map.entry("nice", new Wrapper(Set.of("-n", "--adjustment"), 0)),
            Map.entry("ionice", new Wrapper(Set.of("-c", "-n", "-p", "--class", "--classdata"), 0)),
            Map.entry("timeout", new Wrapper(Set.of("-s", "-k", "--signal", "--kill-after"), 1)),
            Map.entry("chroot", new Wrapper(Set.of("--userspec", "--groups"), 1)),
            Map.entry("flock", new Wrapper(Set.of("-w", "-E", "--timeout", "--conflict-exit-code"), 1)),
            Map.entry("xargs", new Wrapper(Set.of("-I", "-n", "-P", "-d", "-L", "-s", "-E", "-a", "--max-args",
                    "--max-procs", "--delimiter", "--replace", "--arg-file"), 0)),
            Map.entry("busybox", new Wrapper(Set.of(), 0)),
            Map.entry("toybox", new Wrapper(Set.of(), 0)),
            Map.entry("strace", new Wrapper(Set.of("-o", "-e", "-p", "-s", "-u", "-E"), 0)),
            Map.entry("nsenter", new Wrapper(Set.of("-t", "--target", "-S", "-G", "--setuid", "--setgid"), 0)),
            Map.entry("unshare", new Wrapper(Set.of(), 0)));

    private CommandExtractor() {
    }

    /** Every command of an audited process; empty when there is no process part. */
    public static List<SimpleCommand> commands(AuditProcess process) {
        List<SimpleCommand> out = new ArrayList<>();
        if (process == null) {
            return out;
        }
        String command = process.command();
        String executable = basename(process.path());
        if (command == null || command.isBlank()) {
            if (executable != null) {
                analyze(List.of(new Word(process.path(), 0, false)), executable, 0, null, null, out);
            }
            return out;
        }
        analyze(ShellLexer.argvWords(command), executable, 0, command, null, out);
        return out;
    }

    /**
     * Adds the command made of {@code words} and whatever it runs in turn.
     *
     * @param raw the audited command line the words' offsets point into, or null inside a shell payload
     */
    private static void analyze(List<Word> words, String executable, int depth, String raw, String pipedTo,
                                List<SimpleCommand> out) {
        if (out.size() >= MAX_COMMANDS) {
            return;
        }
        int index = 0;
        List<String> assignments = new ArrayList<>();
        while (index < words.size()) {
            Word word = words.get(index);
            if (!word.quoted() && ASSIGNMENT.matcher(word.text()).matches()) {
                assignments.add(word.text());
            } else if (!word.quoted() && NO_COMMAND_KEYWORDS.contains(word.text())) {
                return;
            } else if (word.quoted() || !KEYWORDS.contains(word.text())) {
                Matcher redirect = REDIRECT.matcher(word.text());
                if (word.quoted() || !redirect.matches()) {
                    break;
                }
                if (redirect.group(3).isEmpty()) {
                    index++;
                }
            }
            index++;
        }
        if (index >= words.size()) {
            if (!assignments.isEmpty()) {
                out.add(new SimpleCommand(List.of(), List.of(), "", assignments, List.of(), List.of(), pipedTo, depth));
            }
            return;
        }
        String program = basename(words.get(index).text());
        List<String> programs = executable == null || executable.equals(program) ? List.of(program)
                : List.of(program, executable);
        List<Word> argWords = words.subList(index + 1, words.size());
        List<String> args = argWords.stream().map(Word::text).toList();
        List<String> writes = new ArrayList<>();
        List<String> overwrites = new ArrayList<>();
        FileWrites.collect(program, argWords, writes, overwrites);
        out.add(new SimpleCommand(programs, args, String.join(" ", args), assignments, writes, overwrites, pipedTo,
                depth));
        if (depth >= MAX_DEPTH) {
            return;
        }
        String payload = shellPayload(programs, argWords, raw);
        if (payload != null) {
            analyzeScript(payload, depth + 1, out);
            return;
        }
        List<Word> executed = findExecCommand(program, argWords);
        if (executed != null) {
            analyze(executed, null, depth + 1, null, null, out);
        }
        Wrapper wrapper = WRAPPERS.get(program);
        if (wrapper != null) {
            int start = wrappedCommandStart(wrapper, argWords);
            if (start < argWords.size()) {
                analyze(argWords.subList(start, argWords.size()), null, depth + 1, raw, pipedTo, out);
            }
        }
    }

    /** Every command of a shell script, and the script a pipeline of it decodes and runs (echo … | base64 -d). */
    private static void analyzeScript(String script, int depth, List<SimpleCommand> out) {
        for (RawCommand inner : ShellLexer.commands(script)) {
            analyze(inner.words, null, depth, null, programName(inner.pipedInto), out);
            String decoded = depth < MAX_DEPTH ? DecodedPayload.of(inner) : null;
            if (decoded != null) {
                analyzeScript(decoded, depth + 1, out);
            }
        }
    }

    /** The command find runs with -exec, -execdir, -ok or -okdir (up to its ; or +), else null. */
    private static List<Word> findExecCommand(String program, List<Word> args) {
        if (!program.equals("find")) {
            return null;
        }
        for (int i = 0; i < args.size() - 1; i++) {
            if (FIND_EXEC.contains(args.get(i).text())) {
                int end = i + 1;
                while (end < args.size() && !FIND_EXEC_END.contains(args.get(end).text())) {
                    end++;
                }
                return end > i + 1 ? args.subList(i + 1, end) : null;
            }
        }
        return null;
    }

    /** The script a shell runs with -c (or su -c, eval, or a trap handler), else null. */
    private static String shellPayload(List<String> programs, List<Word> args, String raw) {
        String program = programs.get(0);
        int payloadIndex = -1;
        if (program.equals("eval")) {
            return args.isEmpty() ? null : String.join(" ", args.stream().map(Word::text).toList());
        }
        if (program.equals("trap")) {
            return args.size() < 2 || args.get(0).text().startsWith("-") ? null : args.get(0).text();
        }
        if (program.equals("su")) {
            for (int i = 0; i < args.size(); i++) {
                String text = args.get(i).text();
                if (text.startsWith("--command=")) {
                    return text.substring("--command=".length());
                }
                if (text.equals("-c") || text.equals("--command")) {
                    payloadIndex = i + 1;
                    break;
                }
            }
        } else if (programs.stream().anyMatch(SHELLS::contains)) {
            for (int i = 0; i < args.size() && args.get(i).text().startsWith("-"); i++) {
                if (SHELL_C_OPTION.matcher(args.get(i).text()).matches()) {
                    payloadIndex = i + 1;
                    break;
                }
                if (args.get(i).text().equals("-o")) {
                    i++;
                }
            }
        }
        if (payloadIndex < 0 || payloadIndex >= args.size()) {
            return null;
        }
        Word first = args.get(payloadIndex);
        boolean lastWord = payloadIndex == args.size() - 1;
        // the defender joins argv with spaces, so `sh -c ls -la` most likely ran the single argument "ls -la"
        return raw == null || lastWord ? first.text() : raw.substring(first.start());
    }

    private static int wrappedCommandStart(Wrapper wrapper, List<Word> args) {
        int index = 0;
        while (index < args.size()) {
            String text = args.get(index).text();
            if (text.equals("--")) {
                index++;
                break;
            }
            if (text.startsWith("-") && text.length() > 1) {
                index += wrapper.optionsWithValue().contains(text) ? 2 : 1;
            } else if (ASSIGNMENT.matcher(text).matches()) {
                index++;
            } else {
                break;
            }
        }
        return index + wrapper.positionalToSkip();
    }

    private static String programName(RawCommand command) {
        if (command == null) {
            return null;
        }
        for (Word word : command.words) {
            if (!ASSIGNMENT.matcher(word.text()).matches() && !KEYWORDS.contains(word.text())) {
                return basename(word.text());
            }
        }
        return null;
    }

    /** The last path element, without the leading dash of a login shell's argv[0]. */
    static String basename(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("-") && name.length() > 1 && path.indexOf('/') < 0 ? name.substring(1) : name;
    }
}
