package io.ward.attack.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One bad input field in a problem-details body, e.g. {@code [3].network.port}. */
@RegisterForReflection
public record FieldError(String field, String message) {
}
