package io.ward.policy.rest.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new access key: the role its tokens carry and what it is for. */
public record AccessKeyCreateRequest(
        @NotNull @Pattern(regexp = Patterns.ROLE, message = Patterns.ROLE_MESSAGE) String role,
        @Size(max = 200) String description) {
}
