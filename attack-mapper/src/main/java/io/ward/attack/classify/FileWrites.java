package io.ward.attack.classify;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the files a command writes: output redirections, the destinations of common file-writing tools and the files
 * {@code sed -i} edits in place.
 */
final class FileWrites {

    private static final Pattern OUTPUT_REDIRECT = Pattern.compile("(\\d*|&)(>>|>\\||>&|>)(.*)", Pattern.DOTALL);
    private static final Pattern FD_DUPLICATION = Pattern.compile("\\d+-?|-");
    private static final Set<String> COPIERS = Set.of("cp", "mv", "install", "ln", "rsync", "scp");
    private static final Set<String> CREATORS = Set.of("touch", "mkdir", "truncate", "tee");

    private FileWrites() {
    }

    static void collect(String program, List<Word> args, List<String> writes, List<String> overwrites) {
        for (int i = 0; i < args.size(); i++) {
            Word word = args.get(i);
            Matcher redirect = OUTPUT_REDIRECT.matcher(word.text());
            if (word.quoted() || !redirect.matches()) {
                continue;
            }
            String target = redirect.group(3);
            if (target.isEmpty() && i + 1 < args.size()) {
                target = args.get(++i).text();
            }
            boolean duplicatesDescriptor = redirect.group(2).equals(">&") && FD_DUPLICATION.matcher(target).matches();
            if (!target.isEmpty() && !duplicatesDescriptor && !target.equals("/dev/null")) {
                writes.add(target);
                if (!redirect.group(2).equals(">>")) {
                    overwrites.add(target);
                }
            }
        }
        List<String> operands = args.stream().map(Word::text)
                .filter(text -> !text.startsWith("-") && !OUTPUT_REDIRECT.matcher(text).matches()).toList();
        boolean appends = args.stream().anyMatch(word -> word.text().equals("-a") || word.text().equals("--append"));
        if (COPIERS.contains(program) && operands.size() >= 2) {
            String destination = operands.get(operands.size() - 1);
            writes.add(destination);
            overwrites.add(destination);
        } else if (CREATORS.contains(program)) {
            writes.addAll(operands);
            if (program.equals("truncate") || (program.equals("tee") && !appends)) {
                overwrites.addAll(operands);
            }
        } else if (program.equals("sed") && operands.size() >= 2 && args.stream().map(Word::text)
                .anyMatch(text -> text.startsWith("-i") || text.startsWith("--in-place"))) {
            // edited in place: written, but not replaced or truncated
            writes.addAll(operands.subList(1, operands.size()));
        } else if (program.equals("dd")) {
            operands.stream().filter(text -> text.startsWith("of=")).map(text -> text.substring(3)).forEach(target -> {
                writes.add(target);
                overwrites.add(target);
            });
        }
    }
}
