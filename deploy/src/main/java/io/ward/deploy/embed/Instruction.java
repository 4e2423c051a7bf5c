package io.ward.deploy.embed;

/**
 * One Dockerfile instruction after comments are dropped and line continuations joined.
 * {@code line} is the 1-based line where it starts, so refusals can point at it.
 */
public record Instruction(String keyword, String arguments, int line) {
}
