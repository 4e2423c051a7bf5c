package io.ward.policy.rest.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Where to move a rule: its new 0-based position in the evaluation order. */
public record MoveRequest(@NotNull @Min(0) Integer position) {
}
