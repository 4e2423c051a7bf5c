package io.ward.attack.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a shell script (what {@code sh -c} runs) into simple commands: it honours quotes and escapes, separates on
 * {@code ; & && | || newline ( )}, and lifts {@code $(...)} and backtick substitutions out as commands of their own.
 * It is a classifier's reading of the script, not an interpreter: it never expands anything.
 */
final class ShellLexer {

    private static final int MAX_COMMANDS = 256;

    /** One nesting level: the script itself or a command substitution inside it. */
    private static final class Level {
        final char closer;
        final boolean resumeInDoubleQuotes;
        final List<Word> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean wordStarted;
        boolean wordQuoted;
        int wordStart;
        RawCommand waitingForPipe;

        Level(char closer, boolean resumeInDoubleQuotes) {
            this.closer = closer;
            this.resumeInDoubleQuotes = resumeInDoubleQuotes;
        }
    }

    private final String text;
    private final List<RawCommand> commands = new ArrayList<>();
    private final Deque<Level> levels = new ArrayDeque<>();
    private boolean inDoubleQuotes;

    private ShellLexer(String text) {
        this.text = text;
        levels.push(new Level('\0', false));
    }

    /** The simple commands of a script, inner substitutions before the command that uses them. */
    static List<RawCommand> commands(String script) {
        ShellLexer lexer = new ShellLexer(script);
        lexer.run();
        return lexer.commands;
    }

    /** The words of a command line as the defender reports it (argv joined by spaces); operators are plain text. */
    static List<Word> argvWords(String commandLine) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        boolean quoted = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (Character.isWhitespace(c)) {
                if (start >= 0) {
                    words.add(new Word(word.toString(), start, quoted));
                    word.setLength(0);
                    start = -1;
                    quoted = false;
                }
                continue;
            }
            if (start < 0) {
                start = i;
            }
            int close = (c == '"' || c == '\'') ? commandLine.indexOf(c, i + 1) : -1;
            if (close > 0) {
                word.append(commandLine, i + 1, close);
                quoted = true;
                i = close;
            } else {
                word.append(c);
            }
        }
        if (start >= 0) {
            words.add(new Word(word.toString(), start, quoted));
        }
        return words;
    }

    private void run() {
        int n = text.length();
        for (int i = 0; i < n && commands.size() < MAX_COMMANDS; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (inDoubleQuotes) {
                i = inDouble(i, c, next);
            } else {
                i = unquoted(i, c, next);
            }
        }
        while (levels.size() > 1) {
            closeSubstitution();
        }
        endCommand(false);
    }

    private int inDouble(int i, char c, char next) {
        Level level = levels.peek();
        if (c == '"') {
            inDoubleQuotes = false;
        } else if (c == '\\' && "$`\"\\\n".indexOf(next) >= 0 && next != '\0') {
            level.word.append(next);
            return i + 1;
        } else if (c == '$' && next == '(') {
            openSubstitution(')', true);
            return i + 1;
        } else if (c == '`') {
            openSubstitution('`', true);
        } else {
            level.word.append(c);
        }
        return i;
    }

    private int unquoted(int i, char c, char next) {
        Level level = levels.peek();
        if (Character.isWhitespace(c) && c != '\n') {
            endWord();
        } else if (c == '\'') {
            startWord(i, true);
            int close = text.indexOf('\'', i + 1);
            int end = close < 0 ? text.length() : close;
            level.word.append(text, i + 1, end);
            return end;
        } else if (c == '"') {
            startWord(i, true);
            inDoubleQuotes = true;
        } else if (c == '\\') {
            if (next != '\n' && next != '\0') {
                startWord(i, false);
                level.word.append(next);
            }
            return i + 1;
        } else if (c == '#' && !level.wordStarted) {
            int end = text.indexOf('\n', i);
            return (end < 0 ? text.length() : end) - 1;
        } else if (c == '$' && next == '(') {
            startWord(i, false);
            openSubstitution(')', false);
            return i + 1;
        } else if (c == '`') {
            if (level.closer == '`') {
                closeSubstitution();
            } else {
                startWord(i, false);
                openSubstitution('`', false);
            }
        } else if (c == ')' && level.closer == ')') {
            closeSubstitution();
        } else if (c == ';' || c == '\n' || c == '(' || c == ')') {
            endCommand(false);
        } else if (c == '|') {
            if (next == '|') {
                endCommand(false);
                return i + 1;
            }
            endCommand(true);
            return next == '&' ? i + 1 : i;
        } else if (c == '&') {
            return ampersand(i, next);
        } else if (c == '>' || c == '<') {
            redirection(i, c);
        } else {
            startWord(i, false);
            level.word.append(c);
        }
        return i;
    }

    /** {@code &} separates commands, except inside a redirection such as {@code >&}, {@code &>} or {@code 0<&196}. */
    private int ampersand(int i, char next) {
        Level level = levels.peek();
        boolean afterRedirect = level.wordStarted && level.word.length() > 0
                && "<>".indexOf(level.word.charAt(level.word.length() - 1)) >= 0;
        if (afterRedirect || next == '>') {
            startWord(i, false);
            level.word.append('&');
            return i;
        }
        endCommand(false);
        return next == '&' ? i + 1 : i;
    }

    /** A redirection operator starts a new word unless it follows a file descriptor number ({@code 2>}). */
    private void redirection(int i, char c) {
        Level level = levels.peek();
        String current = level.word.toString();
        boolean continuesOperator = !current.isEmpty() && (current.chars().allMatch(Character::isDigit)
                || current.endsWith(">") || current.endsWith("<") || current.endsWith("&"));
        if (level.wordStarted && !continuesOperator) {
            endWord();
        }
        startWord(i, false);
        level.word.append(c);
    }

    private void startWord(int i, boolean quoted) {
        Level level = levels.peek();
        if (!level.wordStarted) {
            level.wordStarted = true;
            level.wordStart = i;
        }
        level.wordQuoted |= quoted;
    }

    private void endWord() {
        Level level = levels.peek();
        if (level.wordStarted) {
            level.words.add(new Word(level.word.toString(), level.wordStart, level.wordQuoted));
        }
        level.word.setLength(0);
        level.wordStarted = false;
        level.wordQuoted = false;
    }

    private void endCommand(boolean pipesIntoNext) {
        endWord();
        Level level = levels.peek();
        if (level.words.isEmpty()) {
            return;
        }
        RawCommand command = new RawCommand(level.words);
        level.words.clear();
        if (level.waitingForPipe != null) {
            level.waitingForPipe.pipedInto = command;
        }
        level.waitingForPipe = pipesIntoNext ? command : null;
        commands.add(command);
    }

    private void openSubstitution(char closer, boolean fromDoubleQuotes) {
        levels.peek().wordStarted = true;
        levels.push(new Level(closer, fromDoubleQuotes));
        inDoubleQuotes = false;
    }

    private void closeSubstitution() {
        endCommand(false);
        Level inner = levels.pop();
        inDoubleQuotes = inner.resumeInDoubleQuotes;
        levels.peek().word.append("$(...)");
    }
}
