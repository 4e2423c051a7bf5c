package io.ward.policy.mapping;

/** One bad input field in a problem-details body, e.g. {@code network.listeningPorts[0]}. */
public record FieldError(String field, String message) {
}
