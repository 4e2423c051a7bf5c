package io.ward.attack.classify;

import java.util.List;

/** The words of one simple command found in a shell script, and the command its output is piped into, if any. */
final class RawCommand {

    final List<Word> words;
    RawCommand pipedInto;

    RawCommand(List<Word> words) {
        this.words = List.copyOf(words);
    }
}
