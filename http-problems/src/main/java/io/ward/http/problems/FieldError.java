package io.ward.http.problems;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One bad input field in a problem-details body: its path in the request, e.g. {@code [3].process.pid}, and what is
 * wrong with it.
 */
@RegisterForReflection
public record FieldError(String field, String message) {
}
