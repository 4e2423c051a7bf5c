package io.ward.attack.classify;

import java.util.List;

/**
 * One command the audited process runs or would run: its program name(s), arguments, environment assignments, the
 * files it writes, and the program its output is piped into. Rules match against these.
 *
 * @param programs   basenames the program is known by: argv[0] and, for the audited process itself, the resolved
 *                   executable (they differ for symlinks and multi-call binaries such as busybox)
 * @param argsText   the arguments joined by single spaces, quotes removed
 * @param writes     paths written through redirections or by file-writing tools (tee, cp, mv, dd of=, touch, ...)
 * @param overwrites the subset of {@code writes} that replaces or truncates the file rather than appending
 * @param pipedTo    basename of the program this command's output is piped into, or null
 * @param depth      0 for the audited process, higher for commands found inside its shell payload or wrappers
 */
public record SimpleCommand(List<String> programs, List<String> args, String argsText, List<String> assignments,
                            List<String> writes, List<String> overwrites, String pipedTo, int depth) {
}
