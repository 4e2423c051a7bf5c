package io.ward.deploy.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does: parser directives (escape),
 * comments, line continuations with the escape character, and heredocs on RUN/COPY/ADD.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*([a-zA-Z][a-zA-Z0-9_]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern KEYWORD = Pattern.compile("^([A-Za-z]+)(?:\\s+(.*))?$", Pattern.DOTALL);
    private static final Pattern HEREDOC = Pattern.compile("^\\d*<<(-?)([\"']?)([A-Za-z0-9_.-]+)\\2$");
    private static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");

    private final String file;

    public DockerfileParser(String file) {
        this.file = file;
    }

    /** Parses {@code text}; refuses (with the line) anything BuildKit itself would reject or we cannot rewrite. */
    public List<Instruction> parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        char escape = '\\';
        boolean escapeSeen = false;
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape")) {
                if (escapeSeen) {
                    throw refuse(i + 1, "only one escape parser directive is allowed");
                }
                if (!m.group(2).equals("\\") && !m.group(2).equals("`")) {
                    throw refuse(i + 1, "invalid escape directive '" + m.group(2) + "' (must be \\ or `)");
                }
                escape = m.group(2).charAt(0);
                escapeSeen = true;
            }
        }
        Pattern continuation = Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \\t]*$");
        List<Instruction> instructions = new ArrayList<>();
        while (i < lines.length) {
            if (isBlankOrComment(lines[i])) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            while (true) {
                Matcher c = continuation.matcher(lines[i]);
                if (!c.find()) {
                    logical.append(lines[i]);
                    i++;
                    break;
                }
                logical.append(lines[i], 0, c.start());
                i++;
                // BuildKit drops comment and empty lines inside a continued instruction
                while (i < lines.length && isBlankOrComment(lines[i])) {
                    i++;
                }
                if (i >= lines.length) {
                    throw refuse(start, "the file ends inside a line continuation");
                }
            }
            Matcher k = KEYWORD.matcher(logical.toString().strip());
            if (!k.matches()) {
                throw refuse(start, "cannot read instruction '" + abbreviate(logical.toString().strip()) + "'");
            }
            String keyword = k.group(1).toUpperCase(Locale.ROOT);
            if (!KEYWORDS.contains(keyword)) {
                throw refuse(start, "unknown instruction " + k.group(1));
            }
            String arguments = k.group(2) == null ? "" : k.group(2).strip();
            instructions.add(new Instruction(keyword, arguments, start));
            if (HEREDOC_KEYWORDS.contains(keyword)) {
                i = skipHeredocs(lines, i, arguments, start);
            }
        }
        return instructions;
    }

    /** Skips the bodies of the heredocs an instruction opens; returns the index after the last terminator. */
    private int skipHeredocs(String[] lines, int i, String arguments, int start) {
        for (String word : arguments.split("\\s+")) {
            Matcher h = HEREDOC.matcher(word);
            if (!h.matches()) {
                continue;
            }
            boolean stripTabs = !h.group(1).isEmpty();
            String terminator = h.group(3);
            while (true) {
                if (i >= lines.length) {
                    throw refuse(start, "heredoc <<" + terminator + " is never terminated");
                }
                String body = stripTabs ? lines[i].replaceFirst("^\\t+", "") : lines[i];
                i++;
                if (body.equals(terminator)) {
                    break;
                }
            }
        }
        return i;
    }

    private static boolean isBlankOrComment(String line) {
        String s = line.stripLeading();
        return s.isEmpty() || s.startsWith("#");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private DockerfileRefusedException refuse(int line, String reason) {
        return new DockerfileRefusedException(file, line, reason);
    }
}
