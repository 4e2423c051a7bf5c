package io.ward.policy.rest.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new console user. */
public record UserCreateRequest(
        @NotNull @Pattern(regexp = Patterns.USERNAME, message = Patterns.USERNAME_MESSAGE) String username,
        @NotNull @Size(min = 12, max = 256) String password,
        @NotNull @Pattern(regexp = Patterns.ROLE, message = Patterns.ROLE_MESSAGE) String role) {
}
