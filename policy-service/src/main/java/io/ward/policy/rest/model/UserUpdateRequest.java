package io.ward.policy.rest.model;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new password and/or role for an existing user; absent fields stay as they are. */
public record UserUpdateRequest(
        @Size(min = 12, max = 256) String password,
        @Pattern(regexp = Patterns.ROLE, message = Patterns.ROLE_MESSAGE) String role) {
}
