package io.ward.deploy.acr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} as Docker applies them: {@code *}, {@code ?}, {@code [..]} and {@code **}
 * globs, {@code !} exceptions, the last matching line wins, and a pattern that matches a directory excludes
 * everything below it.
 */
public final class DockerIgnore {

    private record Rule(Pattern pattern, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /** Reads {@code contextDir/.dockerignore}; no file means nothing is ignored. */
    public static DockerIgnore load(Path contextDir) throws IOException {
        Path file = contextDir.resolve(".dockerignore");
        return parse(Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            line = clean(line);
            if (line.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(toRegex(line)), exception));
        }
        return new DockerIgnore(rules);
    }

    /** Whether any rule re-includes something; without one, an ignored directory can be skipped whole. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Whether {@code relativePath} (with '/' separators) is left out of the build context. */
    public boolean isIgnored(String relativePath) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.pattern(), relativePath)) {
                ignored = !rule.exception();
            }
        }
        return ignored;
    }

    private static boolean matchesSelfOrParent(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Like Go's filepath.Clean plus dropping a leading '/': the context root is the pattern root. */
    private static String clean(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                        i++;
                        while (i + 1 < n && pattern.charAt(i + 1) == '*') {
                            i++;
                        }
                        if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end);
                        if (cls.startsWith("!") || cls.startsWith("^")) {
                            cls = "^" + cls.substring(1);
                        }
                        regex.append('[').append(cls.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
