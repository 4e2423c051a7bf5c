package io.ward.attack.classify;

/** One shell word after quote removal, with where it started in its source text and whether it was quoted. */
record Word(String text, int start, boolean quoted) {
}
