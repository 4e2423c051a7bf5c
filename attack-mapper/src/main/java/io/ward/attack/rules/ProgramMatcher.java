package io.ward.attack.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Matches program basenames against names and {@code *}/{@code ?} globs, e.g. {@code python3.*}. */
final class ProgramMatcher {

    private final Set<String> names = new HashSet<>();
    private final List<Pattern> globs;

    ProgramMatcher(List<String> entries) {
        entries.stream().filter(entry -> entry.indexOf('*') < 0 && entry.indexOf('?') < 0).forEach(names::add);
        globs = entries.stream().filter(entry -> entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0)
                .map(ProgramMatcher::globToPattern).toList();
    }

    /** The names matched, when the matcher has no globs; else null. */
    Set<String> exactNamesIfNoGlobs() {
        return globs.isEmpty() ? Set.copyOf(names) : null;
    }

    boolean matches(String name) {
        if (name == null) {
            return false;
        }
        if (names.contains(name)) {
            return true;
        }
        for (Pattern glob : globs) {
            if (glob.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean matchesAny(List<String> candidates) {
        for (String candidate : candidates) {
            if (matches(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern globToPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
